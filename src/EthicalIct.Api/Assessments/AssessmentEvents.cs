using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Assessments;

// Assessment streams are private to the organisation that owns them: they live in that organisation's tenant.

/// <summary>An organisation opened a due-diligence assessment of a registered supplier.</summary>
public sealed record AssessmentOpened(
    Guid AssessmentId,
    Guid SupplierId,
    string FrameworkAgreement,
    IReadOnlyList<ProductCategory> ProductCategories,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string ResponsibleCaseOfficer,
    string OwnerOrg,
    string OpenedBy,
    DateTimeOffset OpenedAt);
