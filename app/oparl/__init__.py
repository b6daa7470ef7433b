"""Open data: the council's public record as OParl 1.1 (https://oparl.org/spezifikation/)."""
