package dev.vellum.benchmarks;

import java.util.List;
import java.util.Map;

/** A small JSON writer for report.json (maps, lists, strings, numbers, booleans, null). */
final class JsonText {
  private JsonText() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(s, out);
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : format(d));
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ",").append('\n').append("  ".repeat(depth + 1));
        first = false;
        quote(String.valueOf(entry.getKey()), out);
        out.append(": ");
        write(entry.getValue(), out, depth + 1);
      }
      out.append(first ? "" : "\n" + "  ".repeat(depth)).append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "" : ",").append('\n').append("  ".repeat(depth + 1));
        first = false;
        write(item, out, depth + 1);
      }
      out.append(first ? "" : "\n" + "  ".repeat(depth)).append(']');
    } else {
      quote(value.toString(), out);
    }
  }

  private static String format(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(Math.round(d * 1e6) / 1e6);
  }

  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
