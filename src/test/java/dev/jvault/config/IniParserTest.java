package dev.jvault.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IniParserTest {

    private static List<IniSection> parse(String text) {
        return IniParser.parse("~/.aws/config", text.getBytes(StandardCharsets.UTF_8), true);
    }

    private static String errorOf(String text) {
        return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsSectionsPropertiesAndTheirLines() {
        List<IniSection> sections = parse("""
                # leading comment
                [profile dev-1]
                region = eu-central-1
                role_arn=arn:aws:iam::222222222222:role/dev
                """);
        assertEquals(1, sections.size());
        IniSection section = sections.getFirst();
        assertEquals("profile dev-1", section.header());
        assertEquals("~/.aws/config:2", section.origin().toString());
        assertEquals("eu-central-1", section.property("region").orElseThrow().value());
        assertEquals("~/.aws/config:4", section.property("role_arn").orElseThrow().origin().toString());
    }

    @Test
    void stripsCommentsTheWayTheSdksDo() {
        IniSection section = parse("""
                [profile a] # comment after a header
                ; a full-line comment
                region = eu-west-1 # trailing comment
                role_arn = arn:aws:iam::222222222222:role/dev ## seed-style comment
                external_id = abc#def
                """).getFirst();
        assertEquals("profile a", section.header());
        assertEquals("eu-west-1", section.property("region").orElseThrow().value());
        assertEquals("arn:aws:iam::222222222222:role/dev", section.property("role_arn").orElseThrow().value());
        assertEquals("abc#def", section.property("external_id").orElseThrow().value(), "# without white space before it is a value");
    }

    @Test
    void indentedLinesUnderAnEmptyValueAreSubProperties() {
        IniSection section = parse("""
                [services local]
                sts =
                  endpoint_url = http://127.0.0.1:5000
                s3 =
                  endpoint_url = http://127.0.0.1:6000
                """).getFirst();
        assertEquals("http://127.0.0.1:5000",
                section.property("sts").orElseThrow().sub("endpoint_url").orElseThrow().value());
        assertEquals("~/.aws/config:3", section.property("sts").orElseThrow().sub("endpoint_url").orElseThrow()
                .origin().toString());
    }

    @Test
    void indentedLinesUnderAValueContinueIt() {
        IniSection section = parse("[default]\nsession_tags = a=1,\n  b=2\n").getFirst();
        assertEquals("a=1,\nb=2", section.property("session_tags").orElseThrow().value());
    }

    @Test
    void acceptsWindowsLineEndsAndAByteOrderMark() {
        IniSection section = parse("\uFEFF[default]\r\nregion = eu-west-1\r\n").getFirst();
        assertEquals("default", section.header());
        assertEquals("eu-west-1", section.property("region").orElseThrow().value());
    }

    @Test
    void laterDuplicateKeyWins() {
        IniSection section = parse("[default]\nregion = eu-west-1\nregion = eu-west-2\n").getFirst();
        assertEquals("eu-west-2", section.property("region").orElseThrow().value());
    }

    @Test
    void reportsUnclosedHeaderWithFileAndLine() {
        assertEquals("~/.aws/config:3: section header [profile dev has no closing ]",
                errorOf("[default]\nregion = x\n[profile dev\n"));
    }

    @Test
    void reportsPropertyBeforeAnySection() {
        assertTrue(errorOf("region = eu-west-1\n").startsWith("~/.aws/config:1: 'region = eu-west-1' stands before any [section]"));
    }

    @Test
    void reportsLineWithoutEquals() {
        assertEquals("~/.aws/config:2: expected 'key = value', found 'region eu-west-1'",
                errorOf("[default]\nregion eu-west-1\n"));
    }

    @Test
    void reportsPropertyWithoutName() {
        assertTrue(errorOf("[default]\n= value\n").startsWith("~/.aws/config:2: a property without a name"));
    }

    @Test
    void reportsEmptyHeader() {
        assertEquals("~/.aws/config:1: empty section header []", errorOf("[ ]\n"));
    }

    @Test
    void refusesBinaryUtf16AndInvalidUtf8() {
        assertTrue(assertThrows(ConfigException.class, () -> IniParser.parse("f", new byte[] {'[', 0, ']'}, true))
                .getMessage().contains("binary data"));
        assertTrue(assertThrows(ConfigException.class, () -> IniParser.parse("f",
                "[default]".getBytes(StandardCharsets.UTF_16), true)).getMessage().contains("UTF-16"));
        assertTrue(assertThrows(ConfigException.class, () -> IniParser.parse("f",
                new byte[] {'[', 'a', ']', '\n', '#', (byte) 0xE9, '\n'}, true)).getMessage().contains("not valid UTF-8"));
    }

    @Test
    void refusesHugeFiles() {
        byte[] huge = new byte[IniParser.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '#');
        assertTrue(assertThrows(ConfigException.class, () -> IniParser.parse("f", huge, true)).getMessage()
                .contains("too large for an AWS config file"));
    }
}
