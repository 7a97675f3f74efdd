package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.IpScope;
import dev.freeport.guardrails.detect.Kind;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataDetectorsTest {
    private static List<String> values(String text) {
        return TextScanner.all().scan(text).stream().map(f -> f.kind() + "=" + text.substring(f.start(), f.end()))
                .toList();
    }

    @Test
    void findsAnEmailAddressWithoutTrailingPunctuation() {
        assertThat(values("Write to jane.doe+x@mail.acme.co.uk.")).containsExactly("EMAIL=jane.doe+x@mail.acme.co.uk");
    }

    @Test
    void ignoresEmailLookalikes() {
        assertThat(values("icon@2x.png lodash@4.17.21 git@github.com:a/b.git @types/node root@localhost a@example.com"))
                .isEmpty();
    }

    @Test
    void findsInternationalPhoneNumbers() {
        assertThat(values("+44 20 7946 0958 and +4915123456789")).containsExactly("PHONE=+44 20 7946 0958",
                "PHONE=+4915123456789");
    }

    @Test
    void findsNorthAmericanPhoneNumbersWithParentheses() {
        assertThat(values("call (415) 555-0132 now")).containsExactly("PHONE=(415) 555-0132");
    }

    @Test
    void findsNationalNumbersWithATrunkZero() {
        assertThat(values("020 7946 0958 or 06 12 34 56 78")).containsExactly("PHONE=020 7946 0958",
                "PHONE=06 12 34 56 78");
    }

    @Test
    void ignoresDatesVersionsAndPlainNumbers() {
        assertThat(values("2024-01-15 15.01.2024 1.2.3 order 5551234567 id 123-456-7890")).isEmpty();
    }

    @Test
    void findsAPhoneNumberNextToAnotherNumber() {
        assertThat(values("room 12 020 7946 0958")).containsExactly("PHONE=020 7946 0958");
    }

    @Test
    void findsALuhnValidCardInAnyCommonGrouping() {
        assertThat(values("4111 1111 1111 1111, 4111-1111-1111-1111, 4111111111111111, 3782 822463 10005"))
                .containsExactly("PAYMENT_CARD=4111 1111 1111 1111", "PAYMENT_CARD=4111-1111-1111-1111",
                        "PAYMENT_CARD=4111111111111111", "PAYMENT_CARD=3782 822463 10005");
    }

    @Test
    void ignoresACardNumberThatFailsLuhn() {
        assertThat(values("4111 1111 1111 1112")).isEmpty();
    }

    @Test
    void ignoresALuhnValidNumberOutsideKnownIssuerRanges() {
        assertThat(values("1234 5678 9012 3452")).isEmpty();
    }

    @Test
    void findsAnIbanWithAValidChecksum() {
        assertThat(values("to DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432"))
                .containsExactly("IBAN=DE89 3704 0044 0532 0130 00", "IBAN=GB82WEST12345698765432");
    }

    @Test
    void ignoresAnIbanWithABadChecksumOrLength() {
        assertThat(values("DE89 3704 0044 0532 0130 01 and DE89 3704 0044 0532 0130")).isEmpty();
    }

    @Test
    void findsAValidSsn() {
        assertThat(values("SSN 536-22-8391")).containsExactly("US_SSN=536-22-8391");
    }

    @Test
    void ignoresSsnsThatCannotBeIssued() {
        assertThat(values("000-12-3456 666-12-3456 912-12-3456 536-00-8391 536-22-0000 078-05-1120")).isEmpty();
    }

    @Test
    void takesNineBareDigitsAsAnSsnOnlyAfterItsName() {
        assertThat(values("SSN: 536228391")).containsExactly("US_SSN=536228391");
        assertThat(values("id 536228391")).isEmpty();
    }

    @Test
    void flagsOnlyPublicAddressesByDefault() {
        assertThat(values("8.8.8.8 10.0.0.1 192.168.1.1 127.0.0.1 203.0.113.5 2a00:1450::200e ::1 fe80::1ab"))
                .containsExactly("IP_ADDRESS=8.8.8.8", "IP_ADDRESS=2a00:1450::200e");
    }

    @Test
    void flagsPrivateAddressesWhenTheScopeIsAll() {
        TextScanner all = TextScanner.of(EnumSet.of(Kind.IP_ADDRESS), new ScanSettings(IpScope.ALL, 3.0),
                Allowlist.NONE);
        assertThat(all.scan("10.0.0.1 and ::1")).hasSize(2);
    }

    @Test
    void ignoresVersionsTimesMacAddressesAndScopes() {
        assertThat(values("version 1.2.3.4 at 10:30:00, MAC 00:1A:2B:3C:4D:5E, std::vector, a[1::2], 256.1.1.1"))
                .isEmpty();
    }
}
