package dev.vellum.benchmarks.spark;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Tika UDF of the Spark comparison: (path, bytes) to struct(mime_type, content, error(kind,
 * message)), the way teams extract text in Spark today. Tika runs in a class loader of its own
 * (parent: the platform loader, so nothing of Spark's is visible and nothing of Tika's leaks),
 * built once per JVM from the harness classpath; the UDF sees it through {@code
 * java.util.function.BiFunction.apply}. Each call has the same per-file timeout as the other
 * benchmarks (the stuck thread is abandoned).
 */
public final class TikaUdf implements UDF2<String, byte[], Row> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, MethodHandle> FUNCTIONS = new ConcurrentHashMap<>();
  private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();
  private static final ExecutorService CALLS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tika-udf");
            t.setDaemon(true);
            return t;
          });

  /** The UDF's result type. */
  public static final StructType RESULT =
      new StructType()
          .add("mime_type", DataTypes.StringType)
          .add("content", DataTypes.StringType)
          .add(
              "error",
              new StructType()
                  .add("kind", DataTypes.StringType)
                  .add("message", DataTypes.StringType));

  private final String classpath;
  private final long timeoutMillis;

  public TikaUdf(String classpath, long timeoutMillis) {
    this.classpath = classpath;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Row call(String path, byte[] content) throws Exception {
    String name = path.substring(path.lastIndexOf('/') + 1);
    MethodHandle apply = function(classpath);
    ClassLoader loader = LOADERS.get(classpath);
    Future<String[]> call =
        CALLS.submit(
            () -> {
              Thread thread = Thread.currentThread();
              ClassLoader before = thread.getContextClassLoader();
              thread.setContextClassLoader(loader);
              try {
                return (String[]) apply.invoke(name, content);
              } catch (Throwable e) {
                return new String[] {
                  null, null, e.getClass().getSimpleName() + ": " + e.getMessage()
                };
              } finally {
                thread.setContextClassLoader(before);
              }
            });
    String[] result;
    try {
      result = call.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return RowFactory.create(
          null, null, RowFactory.create("timeout", "no result after " + timeoutMillis + " ms"));
    } catch (ExecutionException e) {
      result = new String[] {null, null, String.valueOf(e.getCause())};
    }
    Row error = null;
    if (result[2] != null) {
      int colon = result[2].indexOf(':');
      error = RowFactory.create(colon > 0 ? result[2].substring(0, colon) : result[2], result[2]);
    }
    return RowFactory.create(result[0], result[2] == null ? result[1] : null, error);
  }

  private static MethodHandle function(String classpath) {
    return FUNCTIONS.computeIfAbsent(classpath, TikaUdf::load);
  }

  private static MethodHandle load(String classpath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        try {
          urls.add(new File(entry).toURI().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalArgumentException("bad classpath entry " + entry, e);
        }
      }
    }
    URLClassLoader loader =
        new URLClassLoader(
            "tika-isolated", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    LOADERS.put(classpath, loader);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> type = Class.forName("dev.vellum.benchmarks.TikaFunction", true, loader);
      Object instance = type.getConstructor().newInstance();
      return MethodHandles.publicLookup()
          .findVirtual(
              type, "apply", MethodType.methodType(String[].class, String.class, byte[].class))
          .bindTo(instance);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load Tika from the harness classpath", e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
