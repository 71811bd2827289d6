package cn.liutong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** 六同融合工作平台: party-building and business work run as one lifecycle on Camunda 7. */
@SpringBootApplication
public class LiutongApplication {

  public static void main(String[] args) {
    SpringApplication.run(LiutongApplication.class, args);
  }
}
