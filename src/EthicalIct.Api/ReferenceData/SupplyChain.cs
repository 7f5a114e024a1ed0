using System.Text.Json.Serialization;

namespace EthicalIct.Api.ReferenceData;

/// <summary>The role a supplier plays towards the buyers.</summary>
public enum SupplierRole
{
    [JsonStringEnumMemberName("reseller")] Reseller,
    [JsonStringEnumMemberName("brand-owner")] BrandOwner,
    [JsonStringEnumMemberName("manufacturer")] Manufacturer,
}

/// <summary>Supply-chain tiers (domain-research §5.7).</summary>
public enum Tier
{
    /// <summary>Reseller / contractor.</summary>
    [JsonStringEnumMemberName("T0")] T0,
    /// <summary>Brand owner / OEM.</summary>
    [JsonStringEnumMemberName("T1")] T1,
    /// <summary>Final assembly (EMS/ODM).</summary>
    [JsonStringEnumMemberName("T2")] T2,
    /// <summary>Components and sub-assemblies.</summary>
    [JsonStringEnumMemberName("T3")] T3,
    /// <summary>Processing, refining, smelting.</summary>
    [JsonStringEnumMemberName("T4")] T4,
    /// <summary>Raw material extraction.</summary>
    [JsonStringEnumMemberName("T5")] T5,
}

/// <summary>ICT product categories bought under the framework agreements (domain-research §5.7).</summary>
public enum ProductCategory
{
    [JsonStringEnumMemberName("laptop")] Laptop,
    [JsonStringEnumMemberName("desktop")] Desktop,
    [JsonStringEnumMemberName("thin-client")] ThinClient,
    [JsonStringEnumMemberName("monitor")] Monitor,
    [JsonStringEnumMemberName("docking-station")] DockingStation,
    [JsonStringEnumMemberName("peripherals")] Peripherals,
    [JsonStringEnumMemberName("mobile-phone")] MobilePhone,
    [JsonStringEnumMemberName("tablet")] Tablet,
    [JsonStringEnumMemberName("chargers-cables-batteries")] ChargersCablesBatteries,
    [JsonStringEnumMemberName("server")] Server,
    [JsonStringEnumMemberName("storage")] Storage,
    [JsonStringEnumMemberName("network")] Network,
    [JsonStringEnumMemberName("printer")] Printer,
    [JsonStringEnumMemberName("av-display")] AvDisplay,
    [JsonStringEnumMemberName("medical-electronics")] MedicalElectronics,
}
