package dev.maverick.api;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** HTTP basic auth from a Secret in the same namespace; the keys default to username and password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BasicAuthSecretRef(
    @JsonPropertyDescription("Name of a Secret in the same namespace; at most 253 characters.")
    @Size(max = 253)
    @Required String name,
    @JsonPropertyDescription("Key of the user name in the Secret. Default username.")
    @Size(max = 253)
    String usernameKey,
    @JsonPropertyDescription("Key of the password in the Secret. Default password.")
    @Size(max = 253)
    String passwordKey) {

  public BasicAuthSecretRef {
    usernameKey = usernameKey == null ? "username" : usernameKey;
    passwordKey = passwordKey == null ? "password" : passwordKey;
  }
}
