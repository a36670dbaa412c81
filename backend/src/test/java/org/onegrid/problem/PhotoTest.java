package org.onegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.onegrid.support.ApiTest;
import org.onegrid.support.Browser;
import org.onegrid.support.DemoCity;
import org.onegrid.support.Images;
import org.onegrid.support.Phones;

/**
 * Photos are checked by content, lose their metadata, and are shown only to those who may see the
 * problem.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhotoTest extends ApiTest {

  private Browser reporter;

  /** A resident of 民主路社区 第1网格, signed in once for the class. */
  Browser zhang() {
    if (reporter == null) {
      reporter = residentOfMinzhulu1("吴大爷", "404").browser();
    }
    return reporter;
  }

  static byte[] image(String format, int width, int height) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  /** A small valid PNG. */
  static byte[] pngBytes() {
    return Images.png();
  }

  /** A JPEG carrying an EXIF block with a GPS marker, as phone cameras write them. */
  static byte[] jpegWithExif() throws IOException {
    byte[] jpeg = image("jpg", 2400, 1800);
    byte[] payload =
        ("Exif\0\0MM\0*GPSLatitude=34.7472N;GPSLongitude=113.6401E;secret-location")
            .getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xE1);
    int length = payload.length + 2;
    out.write(length >> 8);
    out.write(length & 0xff);
    out.write(payload);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /**
   * A landscape 60×30 JPEG, red on the left and blue on the right, whose EXIF says "turn 90°
   * clockwise" (orientation 6), as a phone held upright stores a portrait photo.
   */
  static byte[] portraitPhoneJpeg() throws IOException {
    BufferedImage img = new BufferedImage(60, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 30, 30);
    g.setColor(Color.BLUE);
    g.fillRect(30, 0, 30, 30);
    g.dispose();
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", plain);
    byte[] jpeg = plain.toByteArray();
    byte[] tiff = {
      'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + exif.length + tiff.length;
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.write(exif);
    out.write(tiff);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /**
   * A PNG that declares 7071×7071 16-bit pixels yet is only a few hundred KB (all black), written
   * row by row so the test never holds the picture.
   */
  static byte[] hugeDeclaredPng() throws IOException {
    int edge = 7071;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(edge).putInt(edge).put((byte) 16).put((byte) 2).put((byte) 0).put((byte) 0);
    ihdr.put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    try (DeflaterOutputStream z =
        new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED))) {
      byte[] row = new byte[1 + edge * 6];
      for (int y = 0; y < edge; y++) {
        z.write(row);
      }
    }
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    CRC32 crc = new CRC32();
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    crc.update(name);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(name);
    out.write(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void aPortraitPhonePhotoComesOutUpright() throws Exception {
    Browser.Reply uploaded = upload(zhang(), portraitPhoneJpeg(), "image/jpeg");
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
    BufferedImage stored =
        ImageIO.read(new ByteArrayInputStream(fetch(zhang(), uploaded.at("url"))));
    assertThat(stored.getWidth()).isEqualTo(30);
    assertThat(stored.getHeight()).isEqualTo(60);
    // Turned clockwise: what was on the left (red) is now at the top.
    Color top = new Color(stored.getRGB(15, 5));
    Color bottom = new Color(stored.getRGB(15, 55));
    assertThat(top.getRed()).isGreaterThan(200);
    assertThat(top.getBlue()).isLessThan(80);
    assertThat(bottom.getBlue()).isGreaterThan(200);
    assertThat(bottom.getRed()).isLessThan(80);
  }

  @Test
  void aSmallFileDeclaringAGiganticPictureIsReadAtTheSizeKept() throws Exception {
    byte[] png = hugeDeclaredPng();
    assertThat(png.length).isLessThan(2_000_000);
    Browser.Reply uploaded = upload(zhang(), png, "image/png");
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
    BufferedImage stored =
        ImageIO.read(new ByteArrayInputStream(fetch(zhang(), uploaded.at("url"))));
    assertThat(Math.max(stored.getWidth(), stored.getHeight())).isEqualTo(PhotoProcessor.FULL_EDGE);
  }

  Browser.Reply upload(Browser who, byte[] bytes, String type) {
    return who.send("POST", "/api/v1/photos", bytes, Map.of("Content-Type", type));
  }

  byte[] fetch(Browser who, String url) throws Exception {
    HttpResponse<byte[]> response = raw(who, url);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  HttpResponse<byte[]> raw(Browser who, String url) throws Exception {
    String cookies =
        String.join(
            "; ",
            who.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.getURL() + url))
                .header("Cookie", cookies)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aPhoneCameraPhotoIsStoredWithoutItsLocationAndResized() throws Exception {
    byte[] original = jpegWithExif();
    assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("secret-location");
    Browser.Reply uploaded = upload(zhang(), original, "application/octet-stream");
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);

    byte[] stored = fetch(zhang(), uploaded.at("url"));
    String asText = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain("secret-location").doesNotContain("Exif");
    BufferedImage full = ImageIO.read(new ByteArrayInputStream(stored));
    assertThat(Math.max(full.getWidth(), full.getHeight())).isEqualTo(PhotoProcessor.FULL_EDGE);
    BufferedImage thumb =
        ImageIO.read(new ByteArrayInputStream(fetch(zhang(), uploaded.at("thumbUrl"))));
    assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(PhotoProcessor.THUMB_EDGE);
  }

  @Test
  void aWebpPhotoFromAnAndroidPhoneIsAcceptedAndServedAsJpeg() throws Exception {
    byte[] webp;
    try (var in = getClass().getResourceAsStream("/photos/gradient-320x240.webp")) {
      webp = in.readAllBytes();
    }
    assertThat(new String(webp, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    Browser.Reply uploaded = upload(zhang(), webp, "image/webp");
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
    byte[] stored = fetch(zhang(), uploaded.at("url"));
    assertThat(stored[0]).isEqualTo((byte) 0xFF);
    assertThat(stored[1]).isEqualTo((byte) 0xD8);
    BufferedImage full = ImageIO.read(new ByteArrayInputStream(stored));
    assertThat(full.getWidth()).isEqualTo(320);
    assertThat(full.getHeight()).isEqualTo(240);
  }

  @Test
  void whatIsNotAPhotoIsRefusedWhateverItClaims() throws Exception {
    Browser.Reply text = upload(zhang(), "hello, not a picture".getBytes(), "image/jpeg");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.header("Content-Type")).startsWith("application/problem+json");
    assertThat(upload(zhang(), new byte[0], "image/png").status()).isEqualTo(400);
    byte[] huge = new byte[11 * 1024 * 1024];
    huge[0] = (byte) 0xFF;
    huge[1] = (byte) 0xD8;
    huge[2] = (byte) 0xFF;
    assertThat(upload(zhang(), huge, "image/jpeg").status()).isEqualTo(413);
    assertThat(upload(zhang(), image("png", 40, 30), "image/png").status()).isEqualTo(201);
  }

  @Test
  void photosOfAReportAreSeenByThoseWhoMaySeeTheProblemOnly() throws Exception {
    long photoId =
        upload(zhang(), image("png", 800, 600), "image/png").<Number>at("id").longValue();
    Browser stranger = resident(Phones.fresh());
    assertThat(raw(stranger, "/api/v1/photos/" + photoId).statusCode()).isEqualTo(404);

    Browser.Reply stolen =
        stranger.send(
            "POST",
            "/api/v1/problems",
            Map.of(
                "categoryCode", "other",
                "description", "x",
                "locationText", "y",
                "photoIds", List.of(photoId)),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(stolen.status()).isIn(400, 409);

    Browser.Reply report =
        zhang()
            .send(
                "POST",
                "/api/v1/problems",
                Map.of(
                    "categoryCode",
                    "facility_repair",
                    "description",
                    "单元门禁坏了",
                    "photoIds",
                    List.of(photoId)),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(report.status()).as(report.text()).isEqualTo(201);
    List<Map<String, Object>> photos = report.at("photos");
    assertThat(photos).hasSize(1);

    // The row of "my problems" shows what the problem's own page shows (read another way: one
    // query for a whole page of rows).
    long id = report.<Number>at("id").longValue();
    Map<String, Object> row =
        zhang().get("/api/v1/me/problems").list().stream()
            .filter(p -> ((Number) p.get("id")).longValue() == id)
            .findFirst()
            .orElseThrow();
    Browser.Reply page = zhang().get("/api/v1/problems/" + id);
    for (String field :
        List.of(
            "photos",
            "gridName",
            "place",
            "reporterName",
            "assigneeName",
            "followers",
            "unread",
            "categoryName")) {
      assertThat(row.get(field)).as(field).isEqualTo(page.at(field));
      assertThat(row.get(field)).as(field).isEqualTo(report.at(field));
    }

    Browser leader = staff(DemoCity.LEADER_MINZHULU_1);
    assertThat(raw(leader, "/api/v1/photos/" + photoId + "?size=thumb").statusCode())
        .isEqualTo(200);
    assertThat(raw(staff(DemoCity.LEADER_MINZHULU_2), "/api/v1/photos/" + photoId).statusCode())
        .isEqualTo(404);
    assertThat(raw(stranger, "/api/v1/photos/" + photoId).statusCode()).isEqualTo(404);
  }
}
