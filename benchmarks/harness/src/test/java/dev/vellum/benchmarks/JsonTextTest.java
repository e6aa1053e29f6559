package dev.vellum.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void writesNestedValuesWithEscapesAndNullForNan() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", "a\"b\n\u0001");
    value.put("n", Arrays.asList(1, 2.5, Double.NaN, null, true));
    value.put("e", List.of());
    assertEquals(
        "{\n  \"s\": \"a\\\"b\\n\\u0001\",\n  \"n\": [\n    1,\n    2.5,\n    null,\n    null,\n"
            + "    true\n  ],\n  \"e\": []\n}\n",
        JsonText.write(value));
  }
}
