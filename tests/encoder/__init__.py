"""Tests of the offline encoder import (models.encoder)."""
