package dev.vellum.testplugins;

import dev.vellum.ExtractedDocument;
import dev.vellum.Metadata;
import dev.vellum.PartitionContext;
import dev.vellum.PostProcessor;
import java.util.HashMap;
import java.util.Map;

/**
 * A user's post-processor: counts the words of the content into {@code metadata.extra}: {@code
 * word_count}, and records the partition it ran in as {@code partition}.
 */
public final class WordCountPostProcessor implements PostProcessor {
  private int partitionId = -1;

  @Override
  public void open(PartitionContext context) {
    partitionId = context.partitionId();
  }

  @Override
  public ExtractedDocument process(ExtractedDocument document) {
    if (document.content() == null) {
      return document;
    }
    String trimmed = document.content().strip();
    int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    Metadata metadata = document.metadata() == null ? Metadata.empty() : document.metadata();
    Map<String, String> extra = new HashMap<>(metadata.extra());
    extra.put("word_count", Integer.toString(words));
    extra.put("partition", Integer.toString(partitionId));
    return document.withMetadata(
        new Metadata(
            metadata.title(),
            metadata.authors(),
            metadata.subject(),
            metadata.keywords(),
            metadata.language(),
            metadata.created(),
            metadata.modified(),
            metadata.creator(),
            metadata.producer(),
            metadata.pageCount(),
            metadata.encrypted(),
            extra));
  }
}
