package org.gridguard.hub.device;

import java.util.ArrayList;
import java.util.List;

/** Collects an edge profile's problems, at most {@code max} listed (the rest counted). */
final class ProfileProblems {
  private final int max;
  private final List<ProfileProblem> list = new ArrayList<>();
  private int notListed;

  ProfileProblems(int max) {
    this.max = max;
  }

  void add(String field, String reason) {
    if (list.size() < max) {
      list.add(new ProfileProblem(field, reason));
    } else {
      notListed++;
    }
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int size() {
    return list.size() + notListed;
  }

  void throwIfAny() {
    if (!list.isEmpty()) {
      throw new InvalidProfileException(list, notListed);
    }
  }
}
