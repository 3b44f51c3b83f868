"""The models' import surface of the "participation" app label.

The models live in the packages that name their concern (associations,
council, governance); they all keep the app label "participation", so no
table, permission or migration moved with the code (docs/ARCHITECTURE.md).
Django imports this module to register them; code of this project imports
the models from their own package.
"""

from participation.associations.models import (  # noqa: F401
    AGES,
    ASSOCIATION_KIND_CHOICES,
    ASSOCIATION_KINDS,
    BOARD_FIELDS,
    COUNT_FIELDS,
    GENDERS,
    MEMBER_FIELDS,
    ORIGINS,
    PUBLIC_BOARD_KINDS,
    Activity,
    ActivityKind,
    Association,
    AssociationKind,
    CompositionReport,
    CompositionRevision,
    Neighbourhood,
    Representation,
    Status,
)
from participation.council.models import (  # noqa: F401
    ORIGIN_GROUP_CODES,
    AgeBand,
    AnswerCoding,
    ApiToken,
    DisclosureSettings,
    ExportLog,
    Goal,
    Indicator,
    IndicatorDirection,
    IndicatorSource,
    IndicatorTarget,
    IndicatorUnit,
    OfficialStatistic,
    OriginGroup,
    ParticipationMeasure,
    PopulationCell,
    PopulationCountryGroup,
    PopulationGender,
    PopulationOrigin,
    PopulationTable,
    QuoteStatus,
    Release,
    ReleaseStatus,
    ReleaseTable,
    ResultsSnapshot,
    Strategy,
    Theme,
)
from participation.governance.models import (  # noqa: F401
    ArchivedTable,
    RetentionLog,
)
