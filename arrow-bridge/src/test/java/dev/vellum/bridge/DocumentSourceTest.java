package dev.vellum.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentSourceTest {
  @Test
  void aSourceInMemoryTakesItsLengthFromTheContent() {
    DocumentSource source = DocumentSource.of("/a.txt", new byte[] {1, 2, 3});
    assertEquals(3, source.length());
    assertNull(source.modificationTime());
    assertNull(source.readError());
  }

  @Test
  void anUnreadableSourceHasNoContentAndAReason() {
    DocumentSource source = DocumentSource.unreadable("/b.txt", 9, "denied");
    assertNull(source.content());
    assertEquals("denied", source.readError());
    assertThrows(NullPointerException.class, () -> DocumentSource.unreadable("/b", 1, null));
  }

  @Test
  void thePathIsRequired() {
    assertThrows(NullPointerException.class, () -> new DocumentSource(null, null, 0, null, null));
  }

  @Test
  void equalityComparesTheContentBytes() {
    Instant time = Instant.EPOCH;
    DocumentSource one = new DocumentSource("/a", new byte[] {1}, 1, time, null);
    DocumentSource same = new DocumentSource("/a", new byte[] {1}, 1, time, null);
    assertEquals(one, same);
    assertEquals(one.hashCode(), same.hashCode());
    assertNotEquals(one, new DocumentSource("/a", new byte[] {2}, 1, time, null));
    assertNotEquals(one, new DocumentSource("/b", new byte[] {1}, 1, time, null));
    assertNotEquals(one, new DocumentSource("/a", new byte[] {1}, 2, time, null));
    assertNotEquals(one, new DocumentSource("/a", new byte[] {1}, 1, null, null));
    assertNotEquals(one, new DocumentSource("/a", new byte[] {1}, 1, time, "x"));
    assertFalse(one.equals("/a"));
  }

  @Test
  void toStringShowsTheContentSizeNotTheBytes() {
    String text = DocumentSource.of("/a.txt", new byte[] {1, 2}).toString();
    assertTrue(text.contains("content=2 bytes"), text);
    assertTrue(DocumentSource.unreadable("/x", 0, "gone").toString().contains("content=null"));
  }
}
