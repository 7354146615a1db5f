package cn.nantong.tongtongzai.task;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.HttpAccess;
import cn.nantong.tongtongzai.platform.security.Kind;

/**
 * A task's check-in code as a QR code (SVG), for the organiser's phone: members scan it with their phone's camera
 * instead of typing the six digits. It holds a link to the member's page, {@code /m/#/check-in?task=…&code=…}, which
 * opens with the code filled in on their claim; the code rides in the fragment, which browsers never send, so it
 * stays out of access logs and proxies. The link's origin is the request's (behind a proxy, with
 * {@code server.forward-headers-strategy}). The same rule as the API's {@code Task.verificationCode} (its roles, and the task in their scope); a
 * task out of reach is 404 as in GraphQL; a draft has no code yet (TASK_NOT_IN_SERVICE, as a check-in there).
 * Never cached: the code is the task's secret.
 */
@RestController
class CheckInCodeQr {

    /** Modules of quiet zone around the code, as the QR standard asks (4). */
    private static final int QUIET_ZONE = 4;

    private final TaskService tasks;
    private final HttpAccess access;

    CheckInCodeQr(TaskService tasks, HttpAccess access) {
        this.tasks = tasks;
        this.access = access;
    }

    // no produces=: a refusal answers JSON ({code, message}) whatever the Accept header
    @GetMapping("/tasks/{id}/check-in-code.svg")
    ResponseEntity<String> qr(@PathVariable String id) {
        access.require(access.actor(), "/tasks/{id}/check-in-code.svg",
                AccessPolicy.ruleFor("Task", "verificationCode").roles(), Kind.TASK, id, false);
        Task task = tasks.task(id).orElseThrow(() -> new UserInputException(ErrorCode.TASK_NOT_FOUND, "找不到该任务。"));
        if (task.verificationCode() == null) {
            throw new UserInputException(ErrorCode.TASK_NOT_IN_SERVICE, "任务发布后才有签到核验码。");
        }
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.noStore()).body(svg(checkInLink(task)));
    }

    static String checkInLink(Task task) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/m/").build().toUriString()
                + "#/check-in?task=" + URLEncoder.encode(task.id(), StandardCharsets.UTF_8) + "&code=" + task.verificationCode();
    }

    /** One path of unit squares, one per dark module: crisp at any size, a few hundred bytes. */
    static String svg(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalStateException("a link to the member page always fits a QR code", e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">\
                <rect width="100%%" height="100%%" fill="#fff"/><path fill="#000" d="%s"/></svg>"""
                .formatted(matrix.getWidth(), matrix.getHeight(), path);
    }
}
