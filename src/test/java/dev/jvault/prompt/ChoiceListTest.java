package dev.jvault.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChoiceListTest {

    private static final List<String> PROFILES = List.of("main", "dev-1", "dev-2", "prod-eu", "Prod-US", "sandbox-dev");

    @Test
    void typingKeepsTheOptionsHoldingEveryWordInTheirOwnOrderInAnyCase() {
        ChoiceList list = new ChoiceList(PROFILES);
        type(list, "dev");
        assertEquals(List.of("dev-1", "dev-2", "sandbox-dev"), list.matches());
        assertEquals(Optional.of("dev-1"), list.selected());
        list.erase();
        list.erase();
        list.erase();
        type(list, "PROD");
        assertEquals(List.of("prod-eu", "Prod-US"), list.matches());
        type(list, " us");
        assertEquals(List.of("Prod-US"), list.matches());
    }

    @Test
    void arrowsMoveWithinTheMatchesAndStopAtTheirEnds() {
        ChoiceList list = new ChoiceList(PROFILES);
        list.up();
        assertEquals(Optional.of("main"), list.selected());
        type(list, "dev");
        list.down();
        list.down();
        list.down();
        assertEquals(Optional.of("sandbox-dev"), list.selected());
        type(list, "-");
        assertEquals(List.of("dev-1", "dev-2"), list.matches());
        assertEquals(Optional.of("dev-1"), list.selected(), "a new filter selects its first match");
    }

    @Test
    void anExactNameIsSelectedAndNoMatchSelectsNothing() {
        ChoiceList list = new ChoiceList(List.of("dev-10", "dev-1"));
        type(list, "dev-1");
        assertEquals(Optional.of("dev-1"), list.selected());
        type(list, "x");
        assertEquals(List.of(), list.matches());
        assertEquals(Optional.empty(), list.selected());
        list.down();
        assertEquals(Optional.empty(), list.selected());
    }

    @Test
    void theWindowOfFiftyKeepsTheSelectedOneInView() {
        ChoiceList list = new ChoiceList(IntStream.rangeClosed(1, 50).mapToObj(i -> "team-" + i).toList());
        assertEquals(0, list.firstShown(10));
        IntStream.range(0, 30).forEach(i -> list.down());
        assertEquals(Optional.of("team-31"), list.selected());
        assertEquals(25, list.firstShown(10), "the selected one mid-window");
        IntStream.range(0, 30).forEach(i -> list.down());
        assertEquals(Optional.of("team-50"), list.selected());
        assertEquals(40, list.firstShown(10), "the window ends with the last match");
    }

    private static void type(ChoiceList list, String text) {
        text.chars().forEach(c -> list.type((char) c));
    }
}
