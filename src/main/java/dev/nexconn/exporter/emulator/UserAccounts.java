package dev.nexconn.exporter.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server knows about users beyond their tokens: bans (which lift by themselves when their
 * time is up, checked lazily against the clock so no timer runs per ban), soft deletion, and token
 * expiry cut-offs set by {@code access-token/expire}.
 */
final class UserAccounts {
  /**
   * A ban as listed by {@code /v4/user/ban/list}.
   *
   * @param userId the banned user
   * @param untilMillis when it lifts
   */
  record Ban(String userId, long untilMillis) {}

  private final Map<String, Long> bannedUntil = new ConcurrentHashMap<>();
  private final Map<String, Long> expireBefore = new ConcurrentHashMap<>();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  void ban(String userId, long untilMillis) {
    bannedUntil.put(userId, untilMillis);
  }

  void unban(String userId) {
    bannedUntil.remove(userId);
  }

  boolean banned(String userId, long nowMillis) {
    Long until = bannedUntil.get(userId);
    if (until == null) {
      return false;
    }
    if (until <= nowMillis) {
      bannedUntil.remove(userId, until);
      return false;
    }
    return true;
  }

  /** Bans still in force, oldest expiry first. */
  List<Ban> bans(long nowMillis) {
    List<Ban> list = new ArrayList<>();
    for (Map.Entry<String, Long> e : bannedUntil.entrySet()) {
      if (e.getValue() > nowMillis) {
        list.add(new Ban(e.getKey(), e.getValue()));
      }
    }
    list.sort((a, b) -> Long.compare(a.untilMillis(), b.untilMillis()));
    return list;
  }

  void softDelete(String userId) {
    deleted.add(userId);
  }

  void restore(String userId) {
    deleted.remove(userId);
  }

  int restoreAll() {
    int n = deleted.size();
    deleted.clear();
    return n;
  }

  boolean deleted(String userId) {
    return deleted.contains(userId);
  }

  /**
   * Tokens of this user issued before {@code expiresAtMillis} stop working once that time has come,
   * at their next connect (a live connection is left alone).
   */
  void expireTokens(String userId, long expiresAtMillis) {
    expireBefore.merge(userId, expiresAtMillis, Math::max);
  }

  /**
   * The connack code for a connect with this token at {@code nowMillis}: {@link EmulatorCodes#OK}
   * or the refusal, most severe first (deactivated, banned, expired).
   */
  int admission(TokenStore.Issued token, long nowMillis) {
    String userId = token.userId();
    if (deleted(userId)) {
      return EmulatorCodes.USER_ABANDONED;
    }
    if (banned(userId, nowMillis)) {
      return EmulatorCodes.USER_BANNED;
    }
    Long cutoff = expireBefore.get(userId);
    if (cutoff != null && token.issuedAtMillis() < cutoff && nowMillis >= cutoff) {
      return EmulatorCodes.TOKEN_EXPIRED;
    }
    if (token.expiresAtMillis() <= nowMillis) {
      return EmulatorCodes.TOKEN_EXPIRED;
    }
    return EmulatorCodes.OK;
  }
}
