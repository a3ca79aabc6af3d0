package dev.nexconn.exporter.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates Kubernetes objects against the API schema, custom resources included, in two passes.
 * First, {@link KubernetesJsonSchemas}: the JSON schemas generated from the Kubernetes OpenAPI
 * document and the prometheus-operator CRDs, checked with ajv (required fields, enums, types,
 * int32/int64 formats), plus the API server's name, port and image rules. Second, the fabric8 model
 * classes with strict deserialization: the models' catch-all "additionalProperties" is switched
 * off, so an unknown or misspelt field (which the JSON schemas allow) is an error too. Every error
 * names the object (kind/name) and the JSON path.
 *
 * <pre>{@code
 * HasMetadata typed = new KubernetesSchemaValidator().validate(node); // throws on violation
 * List<HasMetadata> all = validator.validateAll(nodes); // one Node.js run for the batch
 * }</pre>
 */
public final class KubernetesSchemaValidator {
  private final ObjectMapper mapper;

  public KubernetesSchemaValidator() {
    this.mapper =
        JsonMapper.builder()
            .annotationIntrospector(new StrictIntrospector())
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
  }

  /**
   * Returns the typed object, or throws {@link IllegalArgumentException} naming the object and the
   * offending path.
   */
  public HasMetadata validate(JsonNode object) {
    return validateAll(List.of(object)).get(0);
  }

  /**
   * Returns the typed objects in order, or throws {@link IllegalArgumentException} listing every
   * violation of every object, one per line, each naming the object and the offending path.
   */
  public List<HasMetadata> validateAll(List<JsonNode> objects) {
    List<List<String>> schemaProblems = KubernetesJsonSchemas.check(objects);
    List<String> errors = new ArrayList<>();
    List<HasMetadata> typed = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      JsonNode object = objects.get(i);
      String name = name(object);
      schemaProblems.get(i).forEach(p -> errors.add(name + " violates its schema at " + p));
      try {
        typed.add(strict(object, name));
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
    return typed;
  }

  private static String name(JsonNode object) {
    return object.path("kind").asText("?") + "/" + object.path("metadata").path("name").asText("?");
  }

  private HasMetadata strict(JsonNode object, String name) {
    KubernetesResource typed;
    try {
      typed = mapper.treeToValue(object, KubernetesResource.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(name + " does not match its schema: " + e.getMessage(), e);
    }
    if (typed instanceof GenericKubernetesResource || !(typed instanceof HasMetadata)) {
      throw new IllegalArgumentException(
          name
              + ": no schema is known for apiVersion "
              + object.path("apiVersion").asText()
              + " kind "
              + object.path("kind").asText());
    }
    return (HasMetadata) typed;
  }

  /** Treats every field that the schema does not declare as unknown instead of collecting it. */
  private static final class StrictIntrospector extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasAnySetter(Annotated a) {
      return Boolean.FALSE;
    }
  }
}
