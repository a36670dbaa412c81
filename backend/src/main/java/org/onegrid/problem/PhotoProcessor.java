package org.onegrid.problem;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.onegrid.platform.ApiException;

/**
 * Checks an uploaded photo by its content (JPEG, PNG or WebP, whatever its name or declared type
 * says), refuses oversized or gigantic images, and re-encodes it as JPEG in two sizes. Re-encoding
 * keeps only pixels: EXIF, GPS position and every other piece of metadata are gone.
 */
@Singleton
class PhotoProcessor {

  static final int FULL_EDGE = 1600;
  static final int THUMB_EDGE = 320;
  private static final long MAX_PIXELS = 50_000_000L;
  private final int maxBytes;

  /**
   * Images decoded at once on this instance; the rest wait a little, then are told to try again.
   * With subsampled decoding one image needs a few tens of MB at most, whatever its size.
   */
  private final Semaphore decoding;

  PhotoProcessor(
      @Value("${onegrid.photos.max-bytes:10485760}") int maxBytes,
      @Value("${onegrid.photos.concurrent-decodes:2}") int concurrentDecodes) {
    this.maxBytes = maxBytes;
    this.decoding = new Semaphore(Math.max(1, concurrentDecodes), true);
  }

  Processed process(byte[] upload) {
    if (upload == null || upload.length == 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "photo-empty");
    }
    if (upload.length > maxBytes) {
      throw new ApiException(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE, "photo-too-large", maxBytes / 1024 / 1024);
    }
    if (!isJpeg(upload) && !isPng(upload) && !isWebp(upload)) {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "photo-type");
    }
    boolean admitted;
    try {
      admitted = decoding.tryAcquire(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      throw ApiException.tooManyRequests("photo-busy", Duration.ofSeconds(5));
    }
    try {
      BufferedImage image = decode(upload);
      if (isJpeg(upload)) {
        image = ExifOrientation.upright(image, ExifOrientation.of(upload));
      }
      BufferedImage full = scaled(image, FULL_EDGE);
      BufferedImage thumb = scaled(image, THUMB_EDGE);
      return new Processed(jpeg(full, 0.85f), jpeg(thumb, 0.8f), full.getWidth(), full.getHeight());
    } catch (OutOfMemoryError e) {
      // Say what it is: the picture is too big for this server, not broken.
      throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "photo-too-many-pixels");
    } finally {
      decoding.release();
    }
  }

  private static BufferedImage decode(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "photo-type");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (pixels <= 0 || pixels > MAX_PIXELS) {
          throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "photo-too-many-pixels");
        }
        // Read every n-th pixel straight into an image near the size kept, never the whole
        // original: a 7071×7071 16-bit PNG would otherwise take 750 MB of heap.
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / FULL_EDGE);
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "photo-unreadable");
    }
  }

  /**
   * Scaled so the long edge is at most {@code edge}, on white (PNG transparency has no place in a
   * JPEG).
   */
  private static BufferedImage scaled(BufferedImage source, int edge) {
    double factor = Math.min(1.0, (double) edge / Math.max(source.getWidth(), source.getHeight()));
    int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
    int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static boolean isJpeg(byte[] b) {
    return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
  }

  private static boolean isPng(byte[] b) {
    return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  private static boolean isWebp(byte[] b) {
    return b.length > 12
        && b[0] == 'R'
        && b[1] == 'I'
        && b[2] == 'F'
        && b[3] == 'F'
        && b[8] == 'W'
        && b[9] == 'E'
        && b[10] == 'B'
        && b[11] == 'P';
  }

  /** The re-encoded photo and its thumbnail. */
  record Processed(byte[] full, byte[] thumb, int width, int height) {}
}
