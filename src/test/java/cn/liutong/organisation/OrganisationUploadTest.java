package cn.liutong.organisation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.liutong.support.LargeAgency;
import cn.liutong.support.Rest;

/**
 * The upload as a stream: chunked bodies (no declared length) are read as they come and stopped at the
 * size limit, and imports never interleave. Same context as {@link OrganisationImportTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class OrganisationUploadTest {

  static final String PATH = "/api/admin/organisation";
  /** liutong.organisation.max-upload in application.properties */
  static final int MAX_UPLOAD = 5 * 1024 * 1024;

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void aChunkedUploadWithinTheLimitIsImported() throws IOException {
    LargeAgency agency = new LargeAgency(uniqueAgency(), 3, 4);

    Reply reply = sendChunked(agency.csv());

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(usersOf(agency)).isEqualTo(2 + 3 * (1 + 4));
  }

  @Test
  void aChunkedUploadOverTheLimitIsStoppedWith413AndWritesNothing() throws IOException {
    // valid rows all the way: only the size is wrong
    LargeAgency agency = new LargeAgency(uniqueAgency(), 700, 99);
    byte[] csv = agency.csv();
    assertThat(csv.length).isGreaterThan(MAX_UPLOAD);
    long users = jdbc.queryForObject("select count(*) from ACT_ID_USER", Long.class);

    Reply reply = sendChunked(csv);

    assertThat(reply.status()).as(reply.body()).isEqualTo(413);
    assertThat(reply.body()).contains("文件过大：最多5MB");
    assertThat(jdbc.queryForObject("select count(*) from ACT_ID_USER", Long.class)).isEqualTo(users);
    assertThat(jdbc.queryForObject("select count(*) from ACT_ID_TENANT where ID_ = ?", Long.class, agency.id())).isZero();
  }

  @Test
  void anImportWhileAnotherRunsIsRefusedWith409AndWritesNothing() throws Exception {
    var holding = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    // another node's import: a transaction holding the import lock
    var other = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
      jdbc.queryForList("select name from lt_lock where name = 'organisation-import' for update");
      holding.countDown();
      await(release);
    }));
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    LargeAgency agency = new LargeAgency(uniqueAgency(), 2, 2);
    Rest.Response refused;
    try {
      refused = new Rest(port).post(PATH, "text/csv", agency.csv(), "admin", "admin");
    } finally {
      release.countDown();
      other.get(30, TimeUnit.SECONDS);
    }

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("message").asText()).isEqualTo("另一个组织导入正在进行，请稍后再试");
    assertThat(usersOf(agency)).isZero();
    assertThat(new Rest(port).post(PATH, "text/csv", agency.csv(), "admin", "admin").status())
        .as("once the other import is done").isEqualTo(200);
  }

  @Test
  void twoImportsAtOnceNeverInterleave() throws Exception {
    LargeAgency agency = new LargeAgency(uniqueAgency(), 20, 49);
    byte[] csv = agency.csv();
    Rest rest = new Rest(port);

    var first = CompletableFuture.supplyAsync(() -> rest.post(PATH, "text/csv", csv, "admin", "admin"));
    var second = CompletableFuture.supplyAsync(() -> rest.post(PATH, "text/csv", csv, "admin", "admin"));
    List<Rest.Response> answers = List.of(first.get(120, TimeUnit.SECONDS), second.get(120, TimeUnit.SECONDS));

    assertThat(answers).extracting(Rest.Response::status).as(answers.toString()).containsAnyOf(200)
        .allMatch(status -> status == 200 || status == 409);
    answers.stream().filter(a -> a.status() == 409).forEach(a ->
        assertThat(a.json().path("message").asText()).isEqualTo("另一个组织导入正在进行，请稍后再试"));
    // exactly one organisation: 2 + 20 × (1 + 49) people, 2 + 20 × (2 + 49) memberships
    assertThat(usersOf(agency)).isEqualTo(2 + 20 * 50);
    assertThat(jdbc.queryForObject("select count(*) from ACT_ID_MEMBERSHIP m join ACT_ID_TENANT_MEMBER t "
        + "on t.GROUP_ID_ = m.GROUP_ID_ where t.TENANT_ID_ = ?", Long.class, agency.id())).isEqualTo(2 + 20 * 51);
    assertThat(jdbc.queryForObject("select count(*) from ACT_ID_TENANT_MEMBER where TENANT_ID_ = ?", Long.class,
        agency.id())).isEqualTo(2 + 2 * 20);
  }

  // --- fixtures

  record Reply(int status, String body) {
  }

  /**
   * POSTs the file with chunked transfer encoding (no Content-Length) over a plain socket, 64 KB a chunk,
   * while reading the answer: the server may answer before it has the whole body.
   */
  private Reply sendChunked(byte[] csv) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(120_000);
      String credentials = Base64.getEncoder().encodeToString("admin:admin".getBytes(UTF_8));
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
          + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
      var sender = CompletableFuture.runAsync(() -> {
        try {
          for (int offset = 0; offset < csv.length; offset += 65536) {
            int length = Math.min(65536, csv.length - offset);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(UTF_8));
            out.write(csv, offset, length);
            out.write("\r\n".getBytes(UTF_8));
          }
          out.write("0\r\n\r\n".getBytes(UTF_8));
          out.flush();
        } catch (IOException e) {
          // the server stopped reading: its answer is what counts
        }
      });
      var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      int status = Integer.parseInt(in.readLine().split(" ")[1]);
      List<String> lines = new ArrayList<>();
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
      sender.cancel(true);
      return new Reply(status, String.join("\n", lines));
    }
  }

  private long usersOf(LargeAgency agency) {
    return jdbc.queryForObject("select count(*) from ACT_ID_USER where ID_ in (?, ?) or ID_ like ? or ID_ like ?",
        Long.class, agency.committee(), agency.partyGroup(), agency.id() + "S%", agency.id() + "M%");
  }

  private static String uniqueAgency() {
    return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
