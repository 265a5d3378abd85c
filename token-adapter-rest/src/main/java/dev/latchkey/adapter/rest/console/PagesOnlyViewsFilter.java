package dev.latchkey.adapter.rest.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;

/**
 * Micronaut Views' filter, kept to the console's paths (one compiled expression, as {@code PageHeadersFilter}). As shipped it matches every request, so every answer of the
 * token check would pass through one more reactive step for a view it never has. The console renders its own pages
 * ({@link ConsoleViews}); a {@code @View} or {@code ModelAndView} on a console route would still be rendered here.
 */
@Replaces(ViewsFilter.class)
@Filter(value = "/console(?:/.*)?", patternStyle = FilterPatternStyle.REGEX)
final class PagesOnlyViewsFilter extends ViewsFilter {

    PagesOnlyViewsFilter(ViewsResolver viewsResolver, ViewsRendererLocator viewsRendererLocator,
                         ViewsModelDecorator viewsModelDecorator, TurboFrameRenderer turboFrameRenderer) {
        super(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboFrameRenderer);
    }
}
