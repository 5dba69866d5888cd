package dev.ecrguard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The checks every JSON parser of the loaders makes on what is read: repeated keys and unpaired surrogates. */
class JsonReadingTest {
    private static JsonParser parser(String json) throws IOException {
        return Json.parser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "f.json");
    }

    @Test
    void aKeyRepeatedInAnObjectThatIsReadIsRefusedWhereverItIs() throws IOException {
        for (String json : new String[] {"{\"a\": 1, \"a\": 2}", "[{\"x\": {\"b\": [], \"c\": 0, \"b\": {}}}]",
                "{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2, \"a\": 3}]}"}) {
            try (JsonParser p = parser(json)) {
                assertThatThrownBy(() -> Json.readTree(p)).as(json).isInstanceOf(JsonParseException.class)
                        .hasMessageStartingWith("Duplicate field");
            }
        }
    }

    @Test
    void theSameKeyInDifferentObjectsIsNoRepeat() throws IOException {
        try (JsonParser p = parser("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}], \"c\": {\"a\": {}}}")) {
            assertThat(Json.readTree(p).toString())
                    .isEqualTo("{\"a\":{\"a\":1},\"b\":[{\"a\":1},{\"a\":2}],\"c\":{\"a\":{}}}");
        }
    }

    @Test
    void aKeyThatNextValuePassesIsCheckedToo() throws IOException {
        try (JsonParser p = parser("{\"a\": 1, \"a\": 2}")) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextValue()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            assertThat(p.currentName()).isEqualTo("a");
            assertThatThrownBy(p::nextValue).isInstanceOf(JsonParseException.class)
                    .hasMessageStartingWith("Duplicate field 'a'");
        }
    }

    @Test
    void aRepeatedKeyAfterASkippedValueIsStillRefused() throws IOException {
        try (JsonParser p = parser("{\"a\": {\"x\": 1, \"x\": 2}, \"b\": [1, {\"y\": 1}], \"a\": 3}")) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            p.skipChildren(); // its repeated x is never read
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            p.skipChildren();
            assertThatThrownBy(p::nextToken).isInstanceOf(JsonParseException.class)
                    .hasMessageStartingWith("Duplicate field 'a'");
        }
    }

    @Test
    void anUnpairedSurrogateThatNextValueReadsIsAnInputError() throws IOException {
        try (JsonParser p = parser("{\"a\": \"\\ud800\"}")) {
            p.nextToken();
            assertThatThrownBy(p::nextValue).isInstanceOf(InputError.class);
        }
    }
}
