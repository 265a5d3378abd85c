package dev.latchkey.adapter.cli;

import picocli.CommandLine.Option;

/** The page options every listing command takes, as a picocli mixin. */
final class Paging {

    @Option(names = "--page", defaultValue = "0", description = "the page, from 0")
    int page;

    @Option(names = "--size", defaultValue = "100", description = "rows per page, at most 100")
    int size;
}
