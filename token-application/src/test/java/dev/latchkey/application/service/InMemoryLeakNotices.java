package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LeakNoticePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryLeakNotices implements LeakNoticePort {

    private final Map<TokenId, LeakNotice> notices = new ConcurrentHashMap<>();

    @Override
    public void record(LeakNotice notice) {
        notices.putIfAbsent(notice.token(), notice);
    }

    @Override
    public List<LeakNotice> undismissed(AccountId owner, int limit) {
        return notices.values().stream().filter(notice -> notice.owner().equals(owner) && !notice.dismissed())
                .sorted(Comparator.comparing(LeakNotice::foundAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<LeakNotice> ofTokens(AccountId owner, Collection<TokenId> tokens) {
        return tokens.stream().map(notices::get).filter(notice -> notice != null && notice.owner().equals(owner))
                .toList();
    }

    @Override
    public int dismissAll(AccountId owner, Instant at) {
        List<LeakNotice> shown = undismissed(owner, Integer.MAX_VALUE);
        shown.forEach(notice -> notices.put(notice.token(), new LeakNotice(notice.token(), notice.owner(),
                notice.source(), notice.location(), notice.foundAt(), Optional.of(at))));
        return shown.size();
    }
}
