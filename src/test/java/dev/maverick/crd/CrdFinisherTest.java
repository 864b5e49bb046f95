package dev.maverick.crd;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.maverick.api.RolloutPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The finishing step refuses list keys the API server would refuse, naming the list. */
class CrdFinisherTest {

  private static CustomResourceDefinition generatedPolicyCrd() throws IOException {
    Path generated = Path.of("target", "classes", "META-INF", "fabric8",
        HasMetadata.getFullResourceName(RolloutPolicy.class) + "-v1.yml");
    return new YAMLMapper().readValue(generated.toFile(), CustomResourceDefinition.class);
  }

  @Test
  void aMapListMustBeKeyedByARequiredField() throws IOException {
    CrdFinisher.Kind kind = new CrdFinisher.Kind(RolloutPolicy.class,
        List.of(new CrdFinisher.MapList("spec.triggers", List.of("for"))));

    assertThatThrownBy(() -> CrdFinisher.finish(generatedPolicyCrd(), kind))
        .hasMessage("spec.triggers is keyed by 'for', which must be @Required");
  }

  @Test
  void aMapListMustBeAnArrayThatExists() throws IOException {
    CrdFinisher.Kind missing = new CrdFinisher.Kind(RolloutPolicy.class,
        List.of(new CrdFinisher.MapList("spec.rules", List.of("name"))));
    CrdFinisher.Kind notAList = new CrdFinisher.Kind(RolloutPolicy.class,
        List.of(new CrdFinisher.MapList("spec.prometheus", List.of("url"))));

    assertThatThrownBy(() -> CrdFinisher.finish(generatedPolicyCrd(), missing))
        .hasMessage("no property 'rules' on the way to spec.rules");
    assertThatThrownBy(() -> CrdFinisher.finish(generatedPolicyCrd(), notAList))
        .hasMessage("spec.prometheus has type object, not array");
  }
}
