package io.hypertrader.live.sign;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloidTest {

    @Test
    void derivedCloidsAreDeterministicDistinctAndWellFormed() {
        Cloid a = Cloid.derive("dep-7f3a", 1);
        assertThat(a).isEqualTo(Cloid.derive("dep-7f3a", 1));
        assertThat(a.hex()).matches("0x[0-9a-f]{32}");
        // keccak256("dep-7f3a" || 00 || 0000000000000001), first 16 bytes
        assertThat(a.hex()).isEqualTo(org.web3j.utils.Numeric.toHexString(java.util.Arrays.copyOf(
                org.web3j.crypto.Hash.sha3(org.web3j.utils.Numeric.hexStringToByteArray(
                        org.web3j.utils.Numeric.toHexStringNoPrefix("dep-7f3a".getBytes()) + "00" + "0000000000000001")), 16)));
        Set<Cloid> seen = new HashSet<>();
        for (long seq = 0; seq < 10_000; seq++) {
            assertThat(seen.add(Cloid.derive("dep-7f3a", seq))).as("seq %d", seq).isTrue();
        }
        assertThat(Cloid.derive("dep-7f3b", 1)).isNotEqualTo(a);
    }

    @Test
    void fromIntMatchesTheSdk() {
        assertThat(Cloid.ofInt(1).hex()).isEqualTo("0x00000000000000000000000000000001");
    }

    @Test
    void rejectsMalformed() {
        assertThatThrownBy(() -> new Cloid("0x1234")).hasMessageContaining("32 lowercase hex");
        assertThatThrownBy(() -> new Cloid("0x1234567890ABCDEF1234567890ABCDEF")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cloid.parse("0x1234567890ABCDEF1234567890ABCDEF").hex()).isEqualTo("0x1234567890abcdef1234567890abcdef");
        assertThatThrownBy(() -> Cloid.derive("d", -1)).hasMessageContaining("sequence");
    }
}
