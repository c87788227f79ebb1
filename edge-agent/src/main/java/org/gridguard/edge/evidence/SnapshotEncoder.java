package org.gridguard.edge.evidence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.gridguard.edge.source.camera.Polygon;

/** Draws zones onto a snapshot and encodes it as JPEG. */
public final class SnapshotEncoder {
  private final float quality;

  public SnapshotEncoder(double quality) {
    this.quality = (float) quality;
  }

  public byte[] encode(BufferedImage image, List<Polygon> zones) {
    BufferedImage rgb = image;
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
        && image.getType() != BufferedImage.TYPE_INT_RGB) {
      rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      rgb.getGraphics().drawImage(image, 0, 0, null);
    }
    if (!zones.isEmpty()) {
      Graphics2D g = rgb.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.RED);
      g.setStroke(new BasicStroke(Math.max(2f, rgb.getWidth() / 320f)));
      for (Polygon zone : zones) {
        int n = zone.points().size();
        int[] xs = new int[n];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
          xs[i] = (int) Math.round(zone.points().get(i)[0] * (rgb.getWidth() - 1));
          ys[i] = (int) Math.round(zone.points().get(i)[1] * (rgb.getHeight() - 1));
        }
        g.drawPolygon(xs, ys, n);
      }
      g.dispose();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
