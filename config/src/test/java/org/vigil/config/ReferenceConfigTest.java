package org.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ReferenceConfigTest {
  @Test
  void buildsUrlsCaseInsensitively() throws IOException {
    ReferenceConfig r =
        ReferenceConfig.parse(
            "t",
            new StringReader(
                """
        # systems
        config reference: cve       http://cve.example/?name=
        config reference: McAfee\thttp://vil.example/v_
        """));
    assertEquals("http://cve.example/?name=2014-3566", r.url("cve", "2014-3566").orElseThrow());
    assertEquals("http://vil.example/v_1", r.url("mcafee", "1").orElseThrow());
    assertTrue(r.url("nessus", "1").isEmpty());
  }

  @Test
  void malformedLineIsNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ReferenceConfig.parse("r.config", new StringReader("config reference: lonely\n")));
    assertEquals("r.config:1: expected 'system url-prefix'", e.getMessage());
  }
}
