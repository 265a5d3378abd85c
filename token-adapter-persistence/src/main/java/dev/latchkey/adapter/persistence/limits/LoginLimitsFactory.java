package dev.latchkey.adapter.persistence.limits;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.ReportLimitPort;
import io.github.bucket4j.TimeMeter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

@Factory
class LoginLimitsFactory {

    @Singleton
    LoginLimitSettings loginLimitSettings(
            @Value("${latchkey.login.username.failures-per-minute:5}") long usernamePerMinute,
            @Value("${latchkey.login.username.failures-per-hour:100}") long usernamePerHour,
            @Value("${latchkey.login.address.failures-per-minute:30}") long addressPerMinute,
            @Value("${latchkey.login.address.failures-per-hour:600}") long addressPerHour,
            @Value("${latchkey.login.address.ipv6-prefix-bits:64}") int ipv6PrefixBits,
            @Value("${latchkey.login.address.maximum-tracked:100000}") long maximumTrackedAddresses) {
        return new LoginLimitSettings(new LoginLimitSettings.Allowance(usernamePerMinute, usernamePerHour),
                new LoginLimitSettings.Allowance(addressPerMinute, addressPerHour), ipv6PrefixBits,
                maximumTrackedAddresses);
    }

    @Singleton
    @TranslatesStoreFailures
    IssuanceLimitPort issuanceLimits(LoginAllowanceRepository rows, JdbcTransactions transactions,
            @Value("${latchkey.issuance.per-account.tokens-per-minute:300}") long perMinute,
            @Value("${latchkey.issuance.per-account.tokens-per-hour:6000}") long perHour) {
        return new IssuanceLimits(rows, transactions, perMinute, perHour, TimeMeter.SYSTEM_MILLISECONDS);
    }

    @Singleton
    @TranslatesStoreFailures
    ReportLimitPort reportLimits(LoginAllowanceRepository rows, LoginLimitSettings settings,
            @Value("${latchkey.credentials.revoke.requests-per-hour:60}") long perHour) {
        return new ReportLimits(rows, perHour, settings.ipv6PrefixBits(), TimeMeter.SYSTEM_MILLISECONDS);
    }

    @Singleton
    @TranslatesStoreFailures
    LoginLimitPort loginLimits(LoginAllowanceRepository rows, LoginLimitSettings settings) {
        return new LoginLimits(rows, settings, TimeMeter.SYSTEM_MILLISECONDS);
    }
}
