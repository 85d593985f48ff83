"""Customer-base analytics (ABC, XYZ, RFM, cohorts, BTYD summary), engine-portable via Ibis."""
