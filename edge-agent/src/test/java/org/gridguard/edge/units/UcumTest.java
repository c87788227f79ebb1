package org.gridguard.edge.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** UCUM syntax (refused when broken) and the table of known atoms (warned when outside). */
class UcumTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "Cel", "[degF]", "%", "[ppm]", "ppm", "ppb", "%LEL", "%obs/m",
      "%/m", "dBm", "m", "cm", "mm", "V", "mV", "A", "mA", "W", "kW.h", "Pa", "hPa", "dB", "lx",
      "m/s", "L/min", "m3/h", "g/m3", "ug/m3", "deg", "rad", "K", "/min", "s-1", "m.s-2",
      "kg.m/s2", "%{LEL}", "{count}", "m3{gas}", "10*3/L", "10^6", "cm[H2O]", "mm[Hg]",
      "[in_i'Hg]", "(kW.h)/d", "uS/cm", "kOhm", "Hz", "mbar", "km/h", "[mi_i]/h", "[pH]",
      "/100{cells}", "KiBy"})
  void problemAndWarning_knownUnits_none(String code) {
    assertThat(Ucum.problem(code)).as(code).isNull();
    assertThat(Ucum.warning(code)).as(code).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "furlong     | 'furlong' is UCUM syntax but 'furlong' is not among the units GridGuard knows",
      "kWh         | 'kWh' is UCUM syntax but 'kWh' is not among the units GridGuard knows (did you mean kW.h?)",
      "kw          | 'kw' is UCUM syntax but 'kw' is not among the units GridGuard knows (did you mean kW?)",
      "HPA         | 'HPA' is UCUM syntax but 'HPA' is not among the units GridGuard knows (did you mean hPa?)",
      "lux         | 'lux' is UCUM syntax but 'lux' is not among the units GridGuard knows (did you mean lx?)",
      "kmin.foo/s  | 'kmin.foo/s' is UCUM syntax but 'kmin', 'foo' are not among the units GridGuard knows",
      "[mph]       | '[mph]' is UCUM syntax but '[mph]' is not among the units GridGuard knows"})
  void warning_wellFormedButUnknown_namesTheAtoms(String code, String warning) {
    assertThat(Ucum.problem(code)).isNull();
    assertThat(Ucum.warning(code)).isEqualTo(warning);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "°C      | contains '°' at index 0; UCUM codes are printable ASCII without spaces (° is deg, °C is Cel, µ is u) (did you mean Cel?)",
      "µg/m3   | contains 'µ' at index 0; UCUM codes are printable ASCII without spaces (° is deg, °C is Cel, µ is u) (did you mean ug/m3?)",
      "'m s'   | contains a space at index 1; UCUM codes are printable ASCII without spaces (° is deg, °C is Cel, µ is u)",
      "m//s    | a unit is missing at index 2 (before '/')",
      "m/      | ends with '/': a unit must follow it",
      ".m      | a unit is missing at index 0 (before '.') (did you mean m?)",
      "(m/s    | '(' at index 0 is not closed",
      "m/s)    | unexpected ')' at index 3 (no '(' to close)",
      "m(2)    | unexpected '(' at index 1; join units with . (multiply) or / (divide)",
      "[degF   | '[' at index 0 is not closed",
      "degF]   | ']' at index 4 without '['",
      "%{LEL   | '{' at index 1 is not closed",
      "LEL}    | '}' at index 3 without '{'",
      "{a{b}}  | '{' at index 2 inside an annotation",
      "m^3     | 'm^3' at index 0: * and ^ only appear in 10* and 10^; multiply with . (kW.h) and write exponents as plain digits (m2, s-1) (did you mean m3?)",
      "kW*h    | 'kW*h' at index 0: * and ^ only appear in 10* and 10^; multiply with . (kW.h) and write exponents as plain digits (m2, s-1) (did you mean kW.h?)",
      "s-      | 's-' at index 0: an exponent sign needs digits (s-1, m+2)",
      "m/-1    | '-1' at index 2: an exponent needs a unit before it"})
  void problem_brokenSyntax_saysWhatAndWhere(String code, String problem) {
    assertThat(Ucum.problem(code)).isEqualTo(problem);
    assertThat(Ucum.warning(code)).isNull();
  }

  @Test
  void problem_tooLongOrControlCharacter_refused() {
    assertThat(Ucum.problem("m".repeat(65))).isEqualTo("longer than 64 characters");
    assertThat(Ucum.problem("m\u0000")).startsWith("contains control character U+0000 at index 1");
  }

  /** Random products and quotients of known (prefixed, powered) atoms: all valid and known. */
  @Test
  void problemAndWarning_randomCompositionsOfKnownAtoms_validAndKnown() {
    Random random = new Random(15);
    List<String> atoms = new ArrayList<>(Ucum.atomSymbols());
    for (int n = 0; n < 2_000; n++) {
      String code = composed(random, atoms);
      assertThat(Ucum.problem(code)).as(code).isNull();
      assertThat(Ucum.warning(code)).as(code).isNull();
    }
  }

  /** The same compositions broken by one character in a random place: always refused. */
  @Test
  void problem_randomCompositionsWithOneBreakingCharacter_refused() {
    Random random = new Random(11);
    List<String> atoms = new ArrayList<>(Ucum.atomSymbols());
    String[] breakers = {" ", "°", "(", ")", "[", "]", "{", "}", "//", "..", "^", "\t"};
    for (int n = 0; n < 2_000; n++) {
      String code = composed(random, atoms);
      String breaker = breakers[random.nextInt(breakers.length)];
      int at = random.nextInt(code.length() + 1);
      String broken = code.substring(0, at) + breaker + code.substring(at);
      if (enclosed(code, at)) {
        continue; // inside {…} or […] anything printable is text
      }
      if (breaker.equals("{") && broken.indexOf('}', at) > at
          || breaker.equals("[") && broken.indexOf(']', at) > at) {
        continue; // encloses the text up to a later '}' or ']': well formed
      }
      assertThat(Ucum.problem(broken)).as("'" + broken + "' from '" + code + "'").isNotNull();
    }
  }

  private static boolean enclosed(String code, int at) {
    int depth = 0;
    for (int i = 0; i < at; i++) {
      char c = code.charAt(i);
      depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
    }
    return depth > 0;
  }

  private static String composed(Random random, List<String> atoms) {
    StringBuilder b = new StringBuilder();
    int parts = 1 + random.nextInt(3);
    for (int i = 0; i < parts; i++) {
      if (i > 0) {
        b.append(random.nextBoolean() ? '.' : '/');
      }
      String atom = atoms.get(random.nextInt(atoms.size()));
      if (Ucum.ATOMS.get(atom) && random.nextBoolean()) {
        atom = Ucum.PREFIXES.get(random.nextInt(Ucum.PREFIXES.size())) + atom;
      }
      b.append(atom);
      if (random.nextInt(4) == 0 && !atom.endsWith("*") && !atom.endsWith("^")) {
        b.append(random.nextBoolean() ? "" : "-").append(1 + random.nextInt(3));
      }
      if (random.nextInt(6) == 0) {
        b.append("{note}");
      }
    }
    return b.toString();
  }
}
