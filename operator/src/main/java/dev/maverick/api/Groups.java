package dev.maverick.api;

/** The API group and version of both kinds, and the names shared across the contract. */
public final class Groups {
  public static final String GROUP = "maverick.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "maverick";

  public static final String ANNOTATION_ROLLBACK = GROUP + "/rollback";
  public static final String ANNOTATION_RETRY = GROUP + "/retry";
  public static final String ANNOTATION_PROMOTE = GROUP + "/promote";
  public static final String ANNOTATION_ROLLBACK_TO = GROUP + "/rollback-to";
  public static final String ANNOTATION_ABORT = GROUP + "/abort";
  public static final String ANNOTATION_FLAGS_HASH = GROUP + "/flags-hash";
  /** On pipelines and policies: the operator shard ({@code run --shard=NAME}) that handles them. */
  public static final String SHARD_LABEL = GROUP + "/shard";

  private Groups() {}
}
