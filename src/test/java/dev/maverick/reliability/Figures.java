package dev.maverick.reliability;

/** Prints a figure docs/reliability.md quotes, in one greppable form: {@code RELIABILITY <test>: <figure>}. */
final class Figures {
  private Figures() {}

  static void print(String test, String figure) {
    System.out.println("RELIABILITY " + test + ": " + figure);
  }
}
