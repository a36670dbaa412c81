package org.onegrid.problem;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0 of its APP1 "Exif" segment) and how to turn
 * the decoded pixels so the photo stands as it was taken. Phones store portrait photos landscape
 * with this tag; once the metadata is stripped, only turned pixels keep them upright.
 */
final class ExifOrientation {

  private ExifOrientation() {}

  /** 1 (as stored) to 8, or 1 when the file says nothing or cannot be read. */
  static int of(byte[] jpeg) {
    try {
      int i = 2;
      while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
        int marker = jpeg[i + 1] & 0xff;
        int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
        if (marker == 0xda || length < 2) {
          return 1; // start of scan: no metadata past here
        }
        int body = i + 4;
        if (marker == 0xe1
            && body + 6 <= jpeg.length
            && jpeg[body] == 'E'
            && jpeg[body + 1] == 'x'
            && jpeg[body + 2] == 'i'
            && jpeg[body + 3] == 'f') {
          return fromTiff(jpeg, body + 6, i + 2 + length);
        }
        i += 2 + length;
      }
    } catch (RuntimeException e) {
      return 1;
    }
    return 1;
  }

  private static int fromTiff(byte[] b, int tiff, int end) {
    boolean little = b[tiff] == 'I';
    int ifd = tiff + u32(b, tiff + 4, little);
    int entries = u16(b, ifd, little);
    for (int e = 0; e < entries; e++) {
      int entry = ifd + 2 + e * 12;
      if (entry + 12 > end) {
        return 1;
      }
      if (u16(b, entry, little) == 0x0112) {
        int value = u16(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 0xff;
    int y = b[at + 1] & 0xff;
    return little ? (y << 8) | x : (x << 8) | y;
  }

  private static int u32(byte[] b, int at, boolean little) {
    return little
        ? (u16(b, at + 2, true) << 16) | u16(b, at, true)
        : (u16(b, at, false) << 16) | u16(b, at + 2, false);
  }

  /** The image turned and mirrored as its orientation says, so that it stands upright. */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> {
        t.scale(-1, 1);
        t.translate(-w, 0);
      }
      case 3 -> {
        t.translate(w, h);
        t.rotate(Math.PI);
      }
      case 4 -> {
        t.scale(1, -1);
        t.translate(0, -h);
      }
      case 5 -> {
        t.rotate(-Math.PI / 2);
        t.scale(-1, 1);
      }
      case 6 -> {
        t.translate(h, 0);
        t.rotate(Math.PI / 2);
      }
      case 7 -> {
        t.scale(-1, 1);
        t.translate(-h, 0);
        t.translate(0, w);
        t.rotate(3 * Math.PI / 2);
      }
      default -> { // 8
        t.translate(0, w);
        t.rotate(3 * Math.PI / 2);
      }
    }
    boolean swaps = orientation >= 5;
    BufferedImage out = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
    new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(toRgb(image), out);
    return out;
  }

  private static BufferedImage toRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    return rgb;
  }
}
