package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoginLimitPort;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Fixed allowances that never refill by themselves: a test decides when time has passed by refilling. */
final class InMemoryLoginLimits implements LoginLimitPort {

    static final Duration WAIT = Duration.ofSeconds(42);

    private final int perUsername;
    private final int perAddress;
    private final Map<String, Integer> takenByUsername = new HashMap<>();
    private final Map<String, Integer> takenByAddress = new HashMap<>();

    InMemoryLoginLimits(int perUsername, int perAddress) {
        this.perUsername = perUsername;
        this.perAddress = perAddress;
    }

    @Override
    public synchronized Admission admit(String usernameKey, String address) {
        if (takenByUsername.getOrDefault(usernameKey, 0) >= perUsername
                || takenByAddress.getOrDefault(address, 0) >= perAddress) {
            return new Admission.Refused(WAIT);
        }
        takenByUsername.merge(usernameKey, 1, Integer::sum);
        takenByAddress.merge(address, 1, Integer::sum);
        return new Admission.Admitted();
    }

    @Override
    public synchronized void giveBack(String usernameKey, String address) {
        takenByUsername.merge(usernameKey, -1, Integer::sum);
        takenByAddress.merge(address, -1, Integer::sum);
    }

    @Override
    public synchronized void refill(String usernameKey) {
        takenByUsername.remove(usernameKey);
    }
}
