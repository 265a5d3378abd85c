package dev.latchkey.bench.bare;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

@Controller
class ConstantController {

    private static final Constant CONSTANT = new Constant("ok");

    @Get("/constant")
    Constant constant() {
        return CONSTANT;
    }

    @Serdeable
    record Constant(String status) {
    }
}
