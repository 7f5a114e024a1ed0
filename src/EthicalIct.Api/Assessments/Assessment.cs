using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Assessments;

/// <summary>An organisation's assessment of one supplier: write model and (inline snapshot) details view.</summary>
public sealed class Assessment
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string FrameworkAgreement { get; set; } = "";

    public List<ProductCategory> ProductCategories { get; set; } = [];

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public string ResponsibleCaseOfficer { get; set; } = "";

    public string OwnerOrg { get; set; } = "";

    public DateTimeOffset OpenedAt { get; set; }

    public static Assessment Create(AssessmentOpened e) => new()
    {
        Id = e.AssessmentId,
        SupplierId = e.SupplierId,
        FrameworkAgreement = e.FrameworkAgreement,
        ProductCategories = [.. e.ProductCategories],
        PeriodFrom = e.PeriodFrom,
        PeriodTo = e.PeriodTo,
        ResponsibleCaseOfficer = e.ResponsibleCaseOfficer,
        OwnerOrg = e.OwnerOrg,
        OpenedAt = e.OpenedAt,
    };
}
