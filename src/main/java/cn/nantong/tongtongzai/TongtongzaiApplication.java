package cn.nantong.tongtongzai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TongtongzaiApplication {

    public static void main(String[] args) {
        SpringApplication.run(TongtongzaiApplication.class, args);
    }
}
