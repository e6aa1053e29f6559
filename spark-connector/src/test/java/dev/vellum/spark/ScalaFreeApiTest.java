package dev.vellum.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.Extractor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.sources.RelationProvider;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code arrow-bridge} and {@code spark-connector} is Scala-free: no public or
 * protected signature of a public class (superclass, interfaces, type parameters, fields,
 * constructors, methods, generics included) names a {@code scala.} type, so one API serves Scala
 * 2.12 and 2.13 and Java users never see Scala.
 *
 * <p>One member is excluded, on purpose and by name: {@code
 * VellumDataSource.createRelation(SQLContext, scala.collection.immutable.Map)}. Spark 3.5's session
 * catalog reads tables made with {@code CREATE TABLE ... USING vellum} only through the V1 {@link
 * RelationProvider} interface (its V2SessionCatalog hands such tables to V1 sources; only Spark 4.0
 * loads them through {@code TableProvider}), and that interface's one method takes Spark's Scala
 * map. The method is Spark's callback, not API: users name the source {@code "vellum"} and never
 * call it. Every other member of {@code VellumDataSource} is checked like the rest; the exclusion
 * fails the test when the method is gone, so the list cannot go stale.
 */
class ScalaFreeApiTest {
  private static final Set<String> EXCLUDED =
      Set.of(
          "dev.vellum.spark.VellumDataSource#createRelation"
              + "(org.apache.spark.sql.SQLContext,scala.collection.immutable.Map<java.lang.String,"
              + " java.lang.String>)");

  @Test
  void noPublicSignatureOfArrowBridgeOrTheConnectorNamesAScalaType() throws Exception {
    List<Class<?>> classes = new ArrayList<>(classesBeside(Extractor.class));
    classes.addAll(classesBeside(VellumDataSource.class));
    assertTrue(
        classes.stream().anyMatch(c -> c.getName().equals("dev.vellum.bridge.NativeLibrary")),
        "arrow-bridge's classes are scanned");
    assertTrue(classes.contains(VellumDataSource.class), "the connector's classes are scanned");

    Set<String> found = new TreeSet<>();
    for (Class<?> c : classes) {
      found.addAll(scalaMentions(c));
    }
    Set<String> unexcused = new TreeSet<>(found);
    unexcused.removeAll(EXCLUDED);
    assertEquals(Set.of(), unexcused, "public signatures that name Scala types");
    assertEquals(EXCLUDED, found, "every excluded member still exists (else drop its exclusion)");
  }

  @Test
  void theCheckFindsScalaTypesInSparkApiAndInGenerics() {
    assertEquals(
        Set.of(
            "org.apache.spark.sql.sources.RelationProvider#createRelation"
                + "(org.apache.spark.sql.SQLContext,scala.collection.immutable.Map<java.lang.String,"
                + " java.lang.String>)"),
        scalaMentions(RelationProvider.class));
    Set<String> mentions = scalaMentions(ScalaSignatureSamples.ScalaInSignatures.class);
    assertEquals(
        Set.of(
            ScalaSignatureSamples.ScalaInSignatures.class.getName() + " extends/implements",
            ScalaSignatureSamples.ScalaInSignatures.class.getName() + "#field",
            ScalaSignatureSamples.ScalaInSignatures.class.getName()
                + "#ScalaInSignatures(java.util.List<scala.Tuple2<?,"
                + " ?>>)",
            ScalaSignatureSamples.ScalaInSignatures.class.getName()
                + "#first(java.util.Map<java.lang.String, ? extends scala.Option<?>>[])",
            ScalaSignatureSamples.ScalaInSignatures.class.getName() + "#bounded()"),
        mentions);
  }

  @Test
  void privateAndPackagePrivateMembersAreNotApi() {
    assertEquals(Set.of(), scalaMentions(ScalaSignatureSamples.ScalaOnlyInside.class));
    assertEquals(Set.of(), scalaMentions(ScalaSignatureSamples.HiddenScala.class));
  }

  /** The classes (top level and nested) in the jar or folder that holds {@code anchor}. */
  private static List<Class<?>> classesBeside(Class<?> anchor)
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path location = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        names =
            files
                .map(f -> location.relativize(f).toString().replace('\\', '/'))
                .collect(Collectors.toList());
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
      }
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      if (name.startsWith("dev/vellum/")
          && name.endsWith(".class")
          && !name.endsWith("module-info.class")
          && !name.endsWith("package-info.class")) {
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        classes.add(Class.forName(className, false, anchor.getClassLoader()));
      }
    }
    return classes;
  }

  /** The members of {@code c} that are API and name a Scala type: none when it is not API. */
  static Set<String> scalaMentions(Class<?> c) {
    Set<String> found = new TreeSet<>();
    if (!isApi(c)) {
      return found;
    }
    List<Type> types = new ArrayList<>();
    if (c.getGenericSuperclass() != null) {
      types.add(c.getGenericSuperclass());
    }
    types.addAll(List.of(c.getGenericInterfaces()));
    types.addAll(List.of(c.getTypeParameters()));
    if (namesScala(types)) {
      found.add(c.getName() + " extends/implements");
    }
    for (Field f : c.getDeclaredFields()) {
      if (isApiMember(f) && namesScala(List.of(f.getGenericType()))) {
        found.add(c.getName() + "#" + f.getName());
      }
    }
    List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredConstructors()));
    executables.addAll(List.of(c.getDeclaredMethods()));
    for (Executable e : executables) {
      if (!isApiMember(e) || (e instanceof Method m && m.isBridge())) {
        continue;
      }
      List<Type> signature = new ArrayList<>(List.of(e.getGenericParameterTypes()));
      signature.addAll(List.of(e.getGenericExceptionTypes()));
      signature.addAll(List.of(e.getTypeParameters()));
      if (e instanceof Method m) {
        signature.add(m.getGenericReturnType());
      }
      if (namesScala(signature)) {
        found.add(c.getName() + "#" + describe(e));
      }
    }
    return found;
  }

  private static String describe(Executable e) {
    String name = e instanceof Constructor<?> ? e.getDeclaringClass().getSimpleName() : e.getName();
    return name
        + Stream.of(e.getGenericParameterTypes())
            .map(Type::getTypeName)
            .collect(Collectors.joining(",", "(", ")"));
  }

  /** Public, or a public or protected member class of a class that is API. */
  private static boolean isApi(Class<?> c) {
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return false;
    }
    int modifiers = c.getModifiers();
    Class<?> enclosing = c.getDeclaringClass();
    if (enclosing == null) {
      return Modifier.isPublic(modifiers);
    }
    return (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) && isApi(enclosing);
  }

  private static boolean isApiMember(Member m) {
    return !m.isSynthetic()
        && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()));
  }

  private static boolean namesScala(List<Type> types) {
    Set<Type> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return types.stream().anyMatch(t -> namesScala(t, seen));
  }

  private static boolean namesScala(Type type, Set<Type> seen) {
    if (!seen.add(type)) {
      return false;
    }
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      return element.getName().startsWith("scala.");
    }
    if (type instanceof ParameterizedType p) {
      return namesScala(p.getRawType(), seen)
          || (p.getOwnerType() != null && namesScala(p.getOwnerType(), seen))
          || Stream.of(p.getActualTypeArguments()).anyMatch(a -> namesScala(a, seen));
    }
    if (type instanceof GenericArrayType a) {
      return namesScala(a.getGenericComponentType(), seen);
    }
    if (type instanceof WildcardType w) {
      return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .anyMatch(b -> namesScala(b, seen));
    }
    if (type instanceof TypeVariable<?> v) {
      return Stream.of(v.getBounds()).anyMatch(b -> namesScala(b, seen));
    }
    return false;
  }
}
