package dev.maverick.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Response bodies read up to a size: a larger answer is an error, never a whole body in memory. */
public final class CappedBody {
  private CappedBody() {}

  /** The body as UTF-8 text; fails with {@link TooLargeException} past {@code maxBytes}. */
  public static HttpResponse.BodyHandler<String> upTo(int maxBytes) {
    return info -> new Subscriber(maxBytes);
  }

  /** A body was larger than the operator reads. */
  public static final class TooLargeException extends IOException {
    private final int maxBytes;

    TooLargeException(int maxBytes) {
      super("response body larger than " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }

    public int maxBytes() {
      return maxBytes;
    }
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
    private final int maxBytes;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > maxBytes) {
          subscription.cancel();
          body.completeExceptionally(new TooLargeException(maxBytes));
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }
  }
}
