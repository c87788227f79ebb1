package org.gridguard.edge.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Unit codes checked against the syntax of UCUM (case-sensitive, "c/s": prefixes, atoms,
 * {@code .} and {@code /}, integer exponents {@code m3} {@code s-1}, annotations
 * {@code {…}}, square-bracket atoms {@code [degF]}, parentheses, a leading {@code /}, pure
 * numbers as factors) and a compact table of the atoms a village sensor uses. A code is
 * <em>invalid</em> when it breaks the syntax ({@link #problem}: refused at config load), and
 * <em>unknown</em> when it is well formed but uses an atom outside the table
 * ({@link #warning}: {@code --check} warns). The codes the built-in rules and shipped presets
 * always used ({@code ppm}, {@code ppb}, {@code %LEL}, {@code %obs/m}, {@code dBm}) are
 * accepted as written ({@link #GRIDGUARD_CODES}, with their strict UCUM spelling).
 */
public final class Ucum {
  /** UCUM prefixes (c/s symbols); binary ones included. */
  static final List<String> PREFIXES = List.of("da", "Ki", "Mi", "Gi", "Ti", "Y", "Z", "E",
      "P", "T", "G", "M", "k", "h", "d", "c", "m", "u", "n", "p", "f", "a", "z", "y");

  /** Atom → whether it takes a prefix (UCUM "metric"). Units outside: warned, not refused. */
  static final Map<String, Boolean> ATOMS = atoms();

  /** Codes GridGuard has always accepted though UCUM spells them otherwise. */
  public static final Map<String, String> GRIDGUARD_CODES = Map.of(
      "ppm", "[ppm]", "ppb", "[ppb]", "%LEL", "%{LEL}", "%obs/m", "%{obs}/m", "dBm", "dB[mW]");

  /** Usual slips and their UCUM code, for the messages. */
  private static final Map<String, String> HINTS = hints();

  /** The codes a village sensor uses, for case-insensitive suggestions ("kw" → kW). */
  static final List<String> VILLAGE = List.of("Cel", "[degF]", "K", "%", "[ppm]", "[ppb]",
      "ppm", "ppb", "%LEL", "m", "cm", "mm", "km", "V", "mV", "kV", "A", "mA", "W", "kW", "kW.h",
      "W.h", "Pa", "hPa", "kPa", "bar", "mbar", "dB", "dBm", "lx", "m/s", "km/h", "L/min",
      "L/s", "L", "mL", "m3", "m3/h", "g/m3", "mg/m3", "ug/m3", "deg", "rad", "Hz", "s", "ms",
      "min", "h", "d", "Ohm", "kOhm", "uS/cm", "mS/cm", "[pH]", "g", "kg", "t", "mm/h", "%/m",
      "J", "kJ");

  private Ucum() {}

  /**
   * Why {@code code} is not UCUM syntax, or {@code null} when it is (the empty code, "no
   * unit", included).
   */
  public static String problem(String code) {
    Parse p = parse(code);
    return p.problem == null ? null : p.problem + hint(code);
  }

  /**
   * Why a well-formed {@code code} is worth a warning — an atom outside the table, or a
   * prefix on an atom that takes none — or {@code null} when every atom is known. Also
   * {@code null} for an invalid code (see {@link #problem}).
   */
  public static String warning(String code) {
    Parse p = parse(code);
    if (p.problem != null || p.unknown.isEmpty()) {
      return null;
    }
    return "'" + code + "' is UCUM syntax but " + String.join(", ", p.unknown)
        + (p.unknown.size() == 1 ? " is" : " are") + " not among the units GridGuard knows"
        + hint(code);
  }

  private static String hint(String code) {
    String to = HINTS.get(code);
    if (to == null) {
      String folded = code.toLowerCase(Locale.ROOT).replace(".", "");
      for (String v : VILLAGE) {
        if (!v.equals(code) && v.toLowerCase(Locale.ROOT).replace(".", "").equals(folded)) {
          to = v;
          break;
        }
      }
    }
    return to == null ? "" : " (did you mean " + to + "?)";
  }

  /** One parse: the first syntax problem, or the atoms not in the table. */
  private static final class Parse {
    final String s;
    int pos;
    String problem;
    final List<String> unknown = new ArrayList<>();

    Parse(String s) {
      this.s = s;
    }

    boolean failed() {
      return problem != null;
    }

    void fail(String why) {
      if (problem == null) {
        problem = why;
      }
    }
  }

  private static Parse parse(String code) {
    Parse p = new Parse(code);
    if (code.isEmpty() || GRIDGUARD_CODES.containsKey(code)) {
      return p;
    }
    if (code.length() > 64) {
      p.fail("longer than 64 characters");
      return p;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < 33 || c > 126) {
        p.fail((c == ' ' ? "contains a space" : c < 33 || c == 127 ? "contains control "
            + "character " + String.format("U+%04X", (int) c) : "contains '" + c + "'")
            + " at index " + i + "; UCUM codes are printable ASCII without spaces (° is deg, "
            + "°C is Cel, µ is u)");
        return p;
      }
    }
    if (code.charAt(0) == '/') {
      p.pos = 1; // "/min": a leading division is UCUM's reciprocal
    }
    term(p);
    if (!p.failed() && p.pos < code.length()) {
      char c = code.charAt(p.pos);
      p.fail("unexpected '" + c + "' at index " + p.pos + (c == ')' ? " (no '(' to close)"
          : "; join units with . (multiply) or / (divide)"));
    }
    return p;
  }

  private static void term(Parse p) {
    component(p);
    while (!p.failed() && p.pos < p.s.length()
        && (p.s.charAt(p.pos) == '.' || p.s.charAt(p.pos) == '/')) {
      p.pos++;
      component(p);
    }
  }

  private static void component(Parse p) {
    if (p.failed()) {
      return;
    }
    String s = p.s;
    if (p.pos >= s.length() || ".)/".indexOf(s.charAt(p.pos)) >= 0) {
      p.fail(p.pos >= s.length() ? "ends with '" + s.charAt(s.length() - 1) + "': a unit must "
          + "follow it" : "a unit is missing at index " + p.pos + " (before '"
          + s.charAt(p.pos) + "')");
      return;
    }
    char c = s.charAt(p.pos);
    if (c == '(') {
      int open = p.pos++;
      term(p);
      if (!p.failed() && (p.pos >= s.length() || s.charAt(p.pos) != ')')) {
        p.fail("'(' at index " + open + " is not closed");
      }
      p.pos++;
      return;
    }
    if (c == '{') {
      annotation(p);
      return;
    }
    int start = p.pos;
    int bracket = -1;
    while (p.pos < s.length()) {
      char d = s.charAt(p.pos);
      if (bracket >= 0) {
        if (d == ']') {
          bracket = -1;
        } else if (d == '[') {
          p.fail("'[' at index " + p.pos + " inside brackets");
          return;
        }
      } else if (d == '[') {
        bracket = p.pos;
      } else if (d == ']') {
        p.fail("']' at index " + p.pos + " without '['");
        return;
      } else if (d == '}') {
        p.fail("'}' at index " + p.pos + " without '{'");
        return;
      } else if (".()/{".indexOf(d) >= 0) {
        break;
      }
      p.pos++;
    }
    if (bracket >= 0) {
      p.fail("'[' at index " + bracket + " is not closed");
      return;
    }
    simpleUnit(p, s.substring(start, p.pos), start);
    if (!p.failed() && p.pos < s.length() && s.charAt(p.pos) == '{') {
      annotation(p); // "%{LEL}", "m3{gas}"
    }
  }

  private static void annotation(Parse p) {
    int close = p.s.indexOf('}', p.pos);
    int nested = p.s.indexOf('{', p.pos + 1);
    if (close < 0) {
      p.fail("'{' at index " + p.pos + " is not closed");
    } else if (nested >= 0 && nested < close) {
      p.fail("'{' at index " + nested + " inside an annotation");
    } else {
      p.pos = close + 1;
    }
  }

  /** {@code [prefix]atom[exponent]}, or a whole number (a factor). */
  private static void simpleUnit(Parse p, String token, int at) {
    if (token.chars().allMatch(Character::isDigit)) {
      return; // a factor, e.g. the 100 of "/100{cells}"
    }
    int lastBracket = token.lastIndexOf(']');
    int end = token.length();
    while (end > lastBracket + 1 && Character.isDigit(token.charAt(end - 1))) {
      end--;
    }
    boolean digits = end < token.length();
    if (end > lastBracket + 1 && (token.charAt(end - 1) == '+' || token.charAt(end - 1) == '-')) {
      if (!digits) {
        p.fail("'" + token + "' at index " + at + ": an exponent sign needs digits (s-1, m+2)");
        return;
      }
      end--;
    }
    String atom = token.substring(0, end);
    if (atom.isEmpty()) {
      p.fail("'" + token + "' at index " + at + ": an exponent needs a unit before it");
      return;
    }
    if ((atom.indexOf('*') >= 0 || atom.indexOf('^') >= 0) && !atom.equals("10*")
        && !atom.equals("10^")) {
      p.fail("'" + token + "' at index " + at + ": * and ^ only appear in 10* and 10^; "
          + "multiply with . (kW.h) and write exponents as plain digits (m2, s-1)");
      return;
    }
    if (!known(atom)) {
      p.unknown.add("'" + atom + "'");
    }
  }

  private static boolean known(String atom) {
    if (ATOMS.containsKey(atom)) {
      return true;
    }
    for (String prefix : PREFIXES) {
      if (atom.length() > prefix.length() && atom.startsWith(prefix)
          && Boolean.TRUE.equals(ATOMS.get(atom.substring(prefix.length())))) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Boolean> atoms() {
    Map<String, Boolean> m = new TreeMap<>();
    // metric: take prefixes (km, mV, hPa, ug, kW, dB, mL, mbar, kOhm, uS)
    for (String a : List.of("m", "s", "g", "rad", "sr", "K", "C", "cd", "mol", "Hz", "N", "Pa",
        "J", "W", "A", "V", "F", "Ohm", "S", "Wb", "T", "H", "Cel", "lm", "lx", "Bq", "Gy", "Sv",
        "l", "L", "t", "bar", "eV", "B", "bit", "By", "Bd", "ar", "m[H2O]", "m[Hg]", "[iU]")) {
      m.put(a, true);
    }
    for (String a : List.of("min", "h", "d", "wk", "mo", "a", "deg", "'", "''", "gon", "%",
        "[ppm]", "[ppb]", "[ppth]", "[pptr]", "[degF]", "[pH]", "[in_i]", "[ft_i]", "[yd_i]",
        "[mi_i]", "[nmi_i]", "[kn_i]", "[lb_av]", "[oz_av]", "[psi]", "[gal_us]", "[in_i'Hg]",
        "[in_i'H2O]", "10*", "10^")) {
      m.put(a, false);
    }
    return Map.copyOf(m);
  }

  private static Map<String, String> hints() {
    Map<String, String> m = new java.util.HashMap<>();
    m.put("°C", "Cel");
    m.put("℃", "Cel");
    m.put("degC", "Cel");
    m.put("°F", "[degF]");
    m.put("degF", "[degF]");
    m.put("°", "deg");
    m.put("µg/m3", "ug/m3");
    m.put("μg/m3", "ug/m3");
    m.put("µg/m³", "ug/m3");
    m.put("m³", "m3");
    m.put("m³/h", "m3/h");
    m.put("m^3", "m3");
    m.put("kWh", "kW.h");
    m.put("Wh", "W.h");
    m.put("kW*h", "kW.h");
    m.put("lux", "lx");
    m.put("sec", "s");
    m.put("hr", "h");
    m.put("mph", "[mi_i]/h");
    m.put("kph", "km/h");
    m.put("km/hr", "km/h");
    m.put("%RH", "%");
    m.put("psi", "[psi]");
    m.put("mmHg", "mm[Hg]");
    m.put("ohm", "Ohm");
    m.put("Ω", "Ohm");
    m.put("kΩ", "kOhm");
    return Map.copyOf(m);
  }

  /** For tests: every atom of the table. */
  static Set<String> atomSymbols() {
    return ATOMS.keySet();
  }
}
