package org.gridguard.edge.mapping;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridguard.edge.config.ConfigNode;
import org.gridguard.edge.units.Ucum;

/**
 * Reads a {@code readings[i]} item that decodes a binary field:
 * <pre>
 * - path: $.data
 *   optional: true                 # a missing or undecodable field keeps the rest
 *   decode:
 *     encoding: base64             # or hex
 *     length: 6                    # optional: --check refuses fields beyond it
 *     endianness: be               # for types written without be/le
 *     fields:
 *       - {metric: water_level, byte: 0, type: u16, scale: 0.001, unit: m}
 *       - {metric: leak, byte: 5, type: u8, mask: 0x01, flag: true}
 *       - {metric: state, byte: 6, type: u8, reading: false}   # only for event: {decoded.state}
 * </pre>
 * Every problem is recorded with its path; overlapping fields are refused unless their masks
 * keep them apart.
 */
final class ByteLayoutParser {
  private static final Pattern TYPE =
      Pattern.compile("(u8|s8|i8|u16|s16|i16|u24|s24|i24|u32|s32|i32|s64|i64|f32|f64)(be|le)?");
  static final String TYPES = "u8, s8, u16, s16, u24, s24, u32, s32, s64, f32, f64 "
      + "(multi-byte ones with be or le, e.g. u16be)";

  private ByteLayoutParser() {}

  /** The layout, or {@code null} when it has problems (all recorded). */
  static ByteLayout parse(ConfigNode item, ValueSource source, int position) {
    int before = item.problems().list().size();
    boolean optional = item.flag("optional", false);
    ConfigNode d = item.child("decode");
    String encoding = d.oneOf("encoding", "", List.of("base64", "hex"));
    if (!d.has("encoding")) {
      d.problem("encoding", "is required: base64 or hex");
    }
    int length = (int) d.integer("length", 0, 1, 1024);
    String endianness = d.oneOf("endianness", "", List.of("be", "le"));
    List<ByteLayout.Field> fields = new ArrayList<>();
    List<BitSet> bits = new ArrayList<>();
    List<ConfigNode> fieldNodes = d.list("fields");
    if (fieldNodes.isEmpty()) {
      d.problem("fields", "is required: a list of {metric, byte, type}, e.g. "
          + "{metric: water_level, byte: 0, type: u16be, scale: 0.001, unit: m}");
    }
    for (ConfigNode f : fieldNodes) {
      ByteLayout.Field field = field(f, endianness);
      if (field == null) {
        continue;
      }
      if (length > 0 && field.end() > length) {
        f.problem("byte", field.describe() + " ends beyond length: " + length + " (the last "
            + "byte is " + (length - 1) + ")");
      }
      BitSet mine = bitsOf(field);
      for (int i = 0; i < fields.size(); i++) {
        if (bits.get(i).intersects(mine)) {
          f.problem("byte", field.describe() + " overlaps " + fields.get(i).describe()
              + "; fields sharing bytes need masks that do not intersect");
        }
      }
      for (ByteLayout.Field other : fields) {
        if (other.metric().equals(field.metric())) {
          f.problem("metric", "'" + field.metric() + "' is decoded twice");
        }
      }
      fields.add(field);
      bits.add(mine);
    }
    d.rejectUnknownKeys();
    if (source == null || item.problems().list().size() > before || fields.isEmpty()) {
      return null;
    }
    return new ByteLayout(source, ByteLayout.Encoding.valueOf(encoding.toUpperCase(Locale.ROOT)),
        length, fields, optional, position);
  }

  private static ByteLayout.Field field(ConfigNode f, String blockEndianness) {
    int before = f.problems().list().size();
    String metric = f.string("metric");
    if (!metric.isEmpty() && !metric.matches("[a-z][a-z0-9_]{0,62}")) {
      f.problem("metric", "must be snake_case (a-z, 0-9, _), was '" + metric + "'");
    }
    if (!f.has("byte")) {
      f.problem("byte", "is required: the position of the field's first byte, from 0");
    }
    int at = (int) f.integer("byte", 0, 0, 1023);
    String typeText = f.string("type").toLowerCase(Locale.ROOT);
    ByteLayout.Type type = null;
    boolean bigEndian = true;
    Matcher m = TYPE.matcher(typeText);
    if (m.matches()) {
      type = ByteLayout.Type.valueOf(m.group(1).replace('i', 's').toUpperCase(Locale.ROOT));
      String end = m.group(2) != null ? m.group(2) : blockEndianness;
      if (type.width > 1 && end.isEmpty()) {
        f.problem("type", "'" + typeText + "' has " + type.width + " bytes: say " + typeText
            + "be or " + typeText + "le (or endianness: be|le for the whole layout)");
      } else if (type.width == 1 && m.group(2) != null) {
        f.problem("type", "'" + typeText + "' is one byte: write " + m.group(1));
      }
      bigEndian = !end.equals("le");
    } else if (!typeText.isEmpty()) {
      f.problem("type", "unknown type '" + typeText + "', use " + TYPES);
    }
    long mask = mask(f, type);
    boolean flag = f.flag("flag", false);
    if (flag && type != null && type.floating) {
      f.problem("flag", "a flag is read from an integer type (with a mask), not " + typeText);
    }
    String unit = f.string("unit", "");
    if (!unit.isEmpty() && Ucum.problem(unit) != null) {
      f.problem("unit", "'" + unit + "' is not a UCUM unit code: " + Ucum.problem(unit));
    }
    String convert = f.string("convert", "none");
    double scale = f.number("scale", 1, -1e12, 1e12);
    double offset = f.number("offset", 0, -1e12, 1e12);
    Conversion conversion = null;
    try {
      conversion = Conversion.of(convert, scale, offset);
    } catch (IllegalArgumentException e) {
      f.problem(f.has("convert") ? "convert" : "scale", e.getMessage());
    }
    if (flag && conversion != null && !conversion.identity()) {
      f.problem("flag", "a flag takes no scale, offset or convert");
    }
    boolean reading = f.flag("reading", true);
    f.rejectUnknownKeys();
    if (f.problems().list().size() > before || type == null || conversion == null) {
      return null;
    }
    return new ByteLayout.Field(metric, at, type, bigEndian, mask, flag, conversion, unit,
        reading);
  }

  /** {@code mask: 0x0F} (YAML reads it as 15), {@code "0x0F"} or {@code "0b1100"}; 0 = none. */
  private static long mask(ConfigNode f, ByteLayout.Type type) {
    Object raw = f.raw("mask");
    if (raw == null) {
      return 0;
    }
    long mask;
    if (raw instanceof Integer || raw instanceof Long) {
      mask = ((Number) raw).longValue();
    } else {
      String text = String.valueOf(raw).trim().toLowerCase(Locale.ROOT).replace("_", "");
      try {
        mask = text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16)
            : text.startsWith("0b") ? Long.parseUnsignedLong(text.substring(2), 2)
            : Long.parseLong(text);
      } catch (NumberFormatException e) {
        f.problem("mask", "must be a whole number such as 0x0F or 0b0011, found '" + raw + "'");
        return 0;
      }
    }
    if (type == null) {
      return mask;
    }
    if (type.floating) {
      f.problem("mask", "a mask applies to integer types only, not " + type.word());
      return 0;
    }
    if (mask == 0 || type.width < 8 && mask >>> (8 * type.width) != 0) {
      f.problem("mask", "0x" + Long.toHexString(mask) + " must be non-zero and fit in "
          + type.width + " byte(s)");
      return 0;
    }
    return mask;
  }

  /** The bits (byte × 8 + bit) a field reads, for the overlap check. */
  private static BitSet bitsOf(ByteLayout.Field f) {
    BitSet out = new BitSet();
    int width = f.type().width;
    for (int k = 0; k < width * 8; k++) {
      if (f.mask() != 0 && (f.mask() >>> k & 1) == 0) {
        continue;
      }
      int byteIndex = f.bigEndian() ? f.at() + width - 1 - k / 8 : f.at() + k / 8;
      out.set(byteIndex * 8 + k % 8);
    }
    return out;
  }
}
