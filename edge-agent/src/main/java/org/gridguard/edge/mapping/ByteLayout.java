package org.gridguard.edge.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.gridguard.protocol.v1.Reading;

/**
 * A binary payload field ({@code $.data} of a codec-less LoRaWAN uplink, base64 or hex) and the
 * readings a declared layout takes from it: each {@link Field} at a byte position, with a
 * width, signedness, endianness, an optional bit mask and the usual scale/offset/unit. A field
 * whose bytes lie beyond the decoded length is left out with its reason (the rest is kept);
 * {@code length}, when declared, lets {@code --check} refuse fields that do not fit.
 * {@code position}: how many plain readings of the rule come before it, so the readings keep
 * the order of the config's {@code readings} list.
 */
record ByteLayout(ValueSource source, Encoding encoding, int length, List<Field> fields,
    boolean optional, int position) {

  /** How the bytes are written in the JSON payload. */
  enum Encoding { BASE64, HEX }

  /** A field's wire type: width in bytes, signed or not, integer or IEEE float. */
  enum Type {
    U8(1, false, false), S8(1, true, false), U16(2, false, false), S16(2, true, false),
    U24(3, false, false), S24(3, true, false), U32(4, false, false), S32(4, true, false),
    S64(8, true, false), F32(4, true, true), F64(8, true, true);

    final int width;
    final boolean signed;
    final boolean floating;

    Type(int width, boolean signed, boolean floating) {
      this.width = width;
      this.signed = signed;
      this.floating = floating;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One reading from the bytes {@code [at, at + type.width)}. With a {@code mask} (integer
   * types only), the value is {@code (raw & mask) >>> trailing zeros of mask} — the
   * {@code (b >> 4) & 0x0F} of a vendor's codec; {@code flag} makes a true/false reading
   * (value ≠ 0). {@code reading}: whether it becomes a reading; a field with
   * {@code reading: false} is decoded only for an event ({@code {decoded.<metric>}}, e.g. a
   * state byte that is the event code, or a card number used as the credential).
   */
  record Field(String metric, int at, Type type, boolean bigEndian, long mask, boolean flag,
      Conversion conversion, String unit, boolean reading) {
    Field(String metric, int at, Type type, boolean bigEndian, long mask, boolean flag,
        Conversion conversion, String unit) {
      this(metric, at, type, bigEndian, mask, flag, conversion, unit, true);
    }

    Field {
      Objects.requireNonNull(metric);
      Objects.requireNonNull(type);
      Objects.requireNonNull(conversion);
      unit = unit == null ? "" : unit;
      if (at < 0) {
        throw new IllegalArgumentException("byte must be ≥ 0");
      }
      if (mask != 0 && type.floating) {
        throw new IllegalArgumentException("a mask applies to integer types only");
      }
    }

    /** The last byte this field reads. */
    int end() {
      return at + type.width;
    }

    String describe() {
      return "'" + metric + "' (" + type.word() + (type.width > 1 ? bigEndian ? "be" : "le" : "")
          + " at byte " + at + (type.width > 1 ? "–" + (end() - 1) : "") + ")";
    }
  }

  ByteLayout {
    Objects.requireNonNull(source);
    Objects.requireNonNull(encoding);
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a byte layout needs at least one field");
    }
  }

  /** The decoded bytes, or a problem naming the source. */
  byte[] bytes(JsonNode node) throws MappingException {
    String where = source.where();
    if (!node.isTextual()) {
      throw new MappingException(where, "expected " + encoding.name().toLowerCase(Locale.ROOT)
          + " text, found " + Extract.describe(node));
    }
    String text = node.textValue().strip();
    try {
      if (encoding == Encoding.BASE64) {
        return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
            ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
      }
      if (text.startsWith("0x") || text.startsWith("0X")) {
        text = text.substring(2);
      }
      return HexFormat.of().parseHex(text.replace(" ", ""));
    } catch (IllegalArgumentException e) {
      throw new MappingException(where, "not " + (encoding == Encoding.BASE64 ? "base64"
          : "hex") + " (" + e.getMessage() + "), found " + Extract.describe(node));
    }
  }

  /**
   * Appends a reading per field that fits into {@code bytes}; a field beyond the end goes to
   * {@code dropped} with its reason.
   */
  void read(byte[] bytes, List<Reading> out, DroppedFields dropped) {
    for (Field f : fields) {
      if (!f.reading()) {
        continue;
      }
      if (f.end() > bytes.length) {
        dropped.add("decoded field '" + f.metric() + "'", source.where() + ": " + bytes.length
            + " bytes, too short for " + f.describe());
        continue;
      }
      Reading r = reading(f, bytes);
      if (r.hasNumber() && !Double.isFinite(r.getNumber())) {
        dropped.add("decoded field '" + f.metric() + "'", source.where() + ": "
            + f.describe() + " is " + r.getNumber() + ", not a finite number");
        continue;
      }
      out.add(r);
    }
  }

  /** The field by its metric name, or {@code null}. */
  Field field(String metric) {
    for (Field f : fields) {
      if (f.metric().equals(metric)) {
        return f;
      }
    }
    return null;
  }

  static Reading reading(Field f, byte[] bytes) {
    long raw = 0;
    for (int i = 0; i < f.type().width; i++) {
      int b = bytes[f.bigEndian() ? f.at() + i : f.end() - 1 - i] & 0xFF;
      raw = raw << 8 | b;
    }
    Reading.Builder r = Reading.newBuilder().setMetric(f.metric()).setUnit(f.unit());
    if (f.type() == Type.F32) {
      return r.setNumber(f.conversion().apply(Float.intBitsToFloat((int) raw))).build();
    }
    if (f.type() == Type.F64) {
      return r.setNumber(f.conversion().apply(Double.longBitsToDouble(raw))).build();
    }
    long value;
    if (f.mask() != 0) {
      value = (raw & f.mask()) >>> Long.numberOfTrailingZeros(f.mask());
    } else if (f.type().signed && f.type().width < 8) {
      int shift = 64 - 8 * f.type().width;
      value = raw << shift >> shift; // sign-extend
    } else {
      value = raw;
    }
    if (f.flag()) {
      return r.setFlag(value != 0).build();
    }
    if (f.conversion().identity()) {
      return r.setInteger(value).build();
    }
    return r.setNumber(f.conversion().apply(value)).build();
  }
}
