package dev.jvault.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsWhatJsonWriteWrites() {
        Map<String, Object> value = Map.of("text", "a \"quoted\" line\nwith \u0007 and é", "list", List.of(true, false),
                "nothing", Arrays.asList((Object) null).getFirst() == null ? "null-free" : "", "nested", Map.of("n", 1));
        Map<String, Object> read = JsonReader.object(Json.write(value));
        assertEquals(value.get("text"), read.get("text"));
        assertEquals(List.of(true, false), read.get("list"));
        assertEquals(Map.of("n", new BigDecimal("1")), read.get("nested"));
    }

    @Test
    void readsNumbersEscapesAndNull() {
        assertEquals(new BigDecimal("1700000000123"), JsonReader.object("{\"e\": 1700000000123}").get("e"));
        assertEquals("é/\t", JsonReader.object("{\"s\":\"\\u00e9\\/\\t\"}").get("s"));
        assertEquals(null, JsonReader.object("{\"n\":null}").get("n"));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String text : List.of("", "{", "{\"a\":}", "{\"a\":1}x", "[1,]", "{\"a\":\"\n\"}", "tru", "{a:1}", "[".repeat(100))) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text), text);
        }
        assertThrows(IllegalArgumentException.class, () -> JsonReader.object("[]"));
    }
}
