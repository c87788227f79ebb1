package org.gridguard.edge.evidence;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.gridguard.edge.source.camera.GrayFrame;

/**
 * Encodes analysis frames as a short MPEG-4 Part 2 clip in fragmented MP4 (written to memory,
 * so no seekable file is needed). MPEG-4 Part 2 is FFmpeg's own encoder, in every build.
 */
public final class ClipEncoder {
  public byte[] encode(List<GrayFrame> frames, double fps) throws Exception {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a clip needs at least one frame");
    }
    int w = frames.get(0).width();
    int h = frames.get(0).height();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, w, h);
    recorder.setFormat("mp4");
    recorder.setOption("movflags", "frag_keyframe+empty_moov");
    recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setVideoQuality(5);
    recorder.setGopSize((int) Math.max(1, Math.round(fps * 2)));
    ByteBuffer buf = ByteBuffer.allocateDirect(w * h);
    try {
      recorder.startUnsafe();
      for (GrayFrame f : frames) {
        if (f.width() != w || f.height() != h) {
          continue; // the stream changed size mid-clip: keep the first size
        }
        buf.clear();
        buf.put(f.pixels());
        buf.flip();
        recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 1, w, AV_PIX_FMT_GRAY8, buf);
      }
      recorder.stop();
    } finally {
      recorder.releaseUnsafe();
    }
    return out.toByteArray();
  }
}
