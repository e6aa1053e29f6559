package dev.vellum.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyTest {
  @Test
  void familiesFollowTheExtensionWhateverItsCase() {
    assertEquals("pdf", Family.of(Path.of("a/B.PDF")));
    assertEquals("docx", Family.of(Path.of("x.DOCM")));
    assertEquals("odf", Family.of(Path.of("x.fods")));
    assertEquals("doc", Family.of(Path.of("x.doc")));
    assertEquals("csv", Family.of(Path.of("x.tsv")));
    assertEquals("other", Family.of(Path.of("README")));
  }

  @Test
  void formatsSelectByFamilyOrByExtension() {
    assertTrue(Family.selects(List.of("odf"), Path.of("x.odt")));
    assertTrue(Family.selects(List.of("ODT"), Path.of("x.odt")));
    assertFalse(Family.selects(List.of("docx"), Path.of("x.odt")));
    assertTrue(Family.selects(List.of(), Path.of("x.odt")));
    assertTrue(Family.selects(List.of("none"), Path.of("Makefile")));
  }

  @Test
  void aSampleIsSpreadEvenlyAndKeepsEverythingWhenSmallEnough() {
    List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertEquals(List.of(0, 2, 5, 7), Run.sample(items, 4));
    assertEquals(items, Run.sample(items, 0));
    assertEquals(items, Run.sample(items, 20));
  }
}
