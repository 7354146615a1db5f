package cn.nantong.tongtongzai.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.security.AccessRefusedException;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;

/**
 * Refusals of the spreadsheet downloads and uploads (plain HTTP beside GraphQL), in the same words as
 * GraphQL errors: 400 with {@code code}, {@code message} and, for a file, {@code problems} with row numbers.
 */
@RestControllerAdvice
class DownloadErrors {

    @ExceptionHandler(UserInputException.class)
    ResponseEntity<Map<String, Object>> refused(UserInputException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        body.put("problems", e.problems());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<Map<String, Object>> notAllowed(AccessRefusedException e) {
        return ResponseEntity.status(e.isNotFound() ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("code", e.code(), "message", e.getMessage()));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", ErrorCode.INVALID_PARAMETER, "message", "参数缺失或格式不对。"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", ErrorCode.FILE_TOO_LARGE, "message", "文件过大（最大5MB）。"));
    }
}
