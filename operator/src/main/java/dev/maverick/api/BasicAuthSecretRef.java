package dev.maverick.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** HTTP basic auth from a Secret in the same namespace; the keys default to username and password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BasicAuthSecretRef(@Required String name, String usernameKey, String passwordKey) {

  public BasicAuthSecretRef {
    usernameKey = usernameKey == null ? "username" : usernameKey;
    passwordKey = passwordKey == null ? "password" : passwordKey;
  }
}
