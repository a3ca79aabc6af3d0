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

/**
 * Validates Kubernetes objects against the API schema, custom resources included, using the fabric8
 * model classes generated from the Kubernetes OpenAPI document and the prometheus-operator CRDs.
 * Deserialization is strict: the models' catch-all "additionalProperties" is switched off, so an
 * unknown or misspelt field, a wrong type (a string where the schema has an integer, a map where it
 * has a list) or an apiVersion/kind without a schema is an error that names the JSON path.
 *
 * <pre>{@code
 * HasMetadata typed = new KubernetesSchemaValidator().validate(node); // throws on violation
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
    String name =
        object.path("kind").asText("?") + "/" + object.path("metadata").path("name").asText("?");
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
