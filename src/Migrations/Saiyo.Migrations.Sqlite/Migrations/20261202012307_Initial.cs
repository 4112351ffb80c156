using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Parameters = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Companies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WebInterviewLinkageEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AutoDeleteApplicantsAfterMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    MailSenderName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MailContact = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SelectionFlowSeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Companies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HostQuotaUsages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HostExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DayUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    LimitReachedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostQuotaUsages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OAuthAuthorizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StateHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BrowserBindingHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedCodeVerifier = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthAuthorizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutgoingMails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Calendar = table.Column<string>(type: "TEXT", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EraseAfterSend = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RenderKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    JoinUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CalendarSequence = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutgoingMails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Applicants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kana = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Organization = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    MyPageTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    MyPageIssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProtectedMyPageToken = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applicants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applicants_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "INTEGER", nullable: false),
                    ZoomUserExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ZoomUserSetByAdmin = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MailTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MailTemplates_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelectionSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionSteps_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VideoLinkages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ExternalAccountId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExternalAccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AuthorizedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorizedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AuthorizedByExternalEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    AuthorizedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProtectedAccessToken = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedRefreshToken = table.Column<string>(type: "TEXT", nullable: true),
                    AccessTokenExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApiUrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TokenVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    UsersLoadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MeetingsPerHost = table.Column<int>(type: "INTEGER", nullable: false),
                    NextReconciliationAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReconciliationClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReconciledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReconciliationError = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoLinkages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoLinkages_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicantEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicantEvents_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicantEvents_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedApplicantSearches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedApplicantSearches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedApplicantSearches_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SavedApplicantSearches_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelectionMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StepId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionMeetings_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SelectionMeetings_SelectionSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "SelectionSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ExternalVideoUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Licensed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalVideoUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExternalVideoUsers_VideoLinkages_LinkageId",
                        column: x => x.LinkageId,
                        principalTable: "VideoLinkages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ZoomCallPacings",
                columns: table => new
                {
                    LinkageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NextSlotUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZoomCallPacings", x => new { x.LinkageId, x.Category });
                    table.ForeignKey(
                        name: "FK_ZoomCallPacings_VideoLinkages_LinkageId",
                        column: x => x.LinkageId,
                        principalTable: "VideoLinkages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicantInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicantInvitations_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicantInvitations_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationItems_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InterviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Recommendation = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Evaluations_AspNetUsers_InterviewerId",
                        column: x => x.InterviewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Evaluations_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterviewEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VideoProvider = table.Column<int>(type: "INTEGER", nullable: true),
                    HostExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HostDisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    HostMode = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingDeadlineMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CancellationDeadlineMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitingRoom = table.Column<bool>(type: "INTEGER", nullable: false),
                    Passcode = table.Column<bool>(type: "INTEGER", nullable: false),
                    PersonalJoinLinks = table.Column<bool>(type: "INTEGER", nullable: false),
                    BookingLimit = table.Column<int>(type: "INTEGER", nullable: false),
                    MergeParallelSlots = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterviewEvents_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelectionResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    NextSelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Mailed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MailId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SetAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionResults_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SelectionResults_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventInterviewers",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventInterviewers", x => new { x.EventId, x.StaffUserId });
                    table.ForeignKey(
                        name: "FK_EventInterviewers_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventInterviewers_InterviewEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "InterviewEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventPoolHosts",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventPoolHosts", x => new { x.EventId, x.ExternalUserId });
                    table.ForeignKey(
                        name: "FK_EventPoolHosts_InterviewEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "InterviewEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Schedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Shown = table.Column<bool>(type: "INTEGER", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BookedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PoolHostExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HostInterviewerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BookingsVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    InterviewersDue = table.Column<bool>(type: "INTEGER", nullable: false),
                    InterviewersClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MeetingState = table.Column<int>(type: "INTEGER", nullable: false),
                    WantedVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    AppliedVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ZoomMeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    ZoomMeetingUuid = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    JoinUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProtectedPasscode = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReconciliationTag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReconcileFirst = table.Column<bool>(type: "INTEGER", nullable: false),
                    HostOfMeeting = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DeletedOnZoomAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MeetingEndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AttendanceState = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendanceNextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AttendanceClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AttendanceAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendanceError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Schedules_AspNetUsers_HostInterviewerId",
                        column: x => x.HostInterviewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Schedules_InterviewEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "InterviewEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ActiveMarker = table.Column<int>(type: "INTEGER", nullable: true),
                    LimitScopeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CalendarId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CalendarSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    NoticeKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    NoticeDueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ByStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PersonalJoinUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RegistrantMeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    AttendanceSource = table.Column<int>(type: "INTEGER", nullable: false),
                    MailedJoinUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BookingMailPending = table.Column<bool>(type: "INTEGER", nullable: false),
                    LinkClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LinkNextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LinkAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReminderSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bookings_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Bookings_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InterviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationReminders_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationReminders_AspNetUsers_InterviewerId",
                        column: x => x.InterviewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationReminders_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HostSlots",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HostExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SliceUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Lane = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostSlots", x => new { x.CompanyId, x.HostExternalUserId, x.SliceUtc, x.Lane });
                    table.ForeignKey(
                        name: "FK_HostSlots_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterviewerInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    MailedBookings = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewerInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterviewerInvitations_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InterviewerInvitations_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleInterviewers",
                columns: table => new
                {
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleInterviewers", x => new { x.ScheduleId, x.StaffUserId });
                    table.ForeignKey(
                        name: "FK_ScheduleInterviewers_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScheduleInterviewers_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantEvents_ApplicantId_AtUtc",
                table: "ApplicantEvents",
                columns: new[] { "ApplicantId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantEvents_CompanyId",
                table: "ApplicantEvents",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantInvitations_ApplicantId_SelectionMeetingId",
                table: "ApplicantInvitations",
                columns: new[] { "ApplicantId", "SelectionMeetingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantInvitations_CompanyId_SelectionMeetingId",
                table: "ApplicantInvitations",
                columns: new[] { "CompanyId", "SelectionMeetingId" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantInvitations_SelectionMeetingId",
                table: "ApplicantInvitations",
                column: "SelectionMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_CompanyId_CreatedAtUtc",
                table: "Applicants",
                columns: new[] { "CompanyId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_CompanyId_Email",
                table: "Applicants",
                columns: new[] { "CompanyId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Applicants_MyPageTokenHash",
                table: "Applicants",
                column: "MyPageTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CompanyId",
                table: "AspNetUsers",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CompanyId_AtUtc",
                table: "AuditEntries",
                columns: new[] { "CompanyId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ApplicantId_LimitScopeId",
                table: "Bookings",
                columns: new[] { "ApplicantId", "LimitScopeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ApplicantId_ScheduleId_ActiveMarker",
                table: "Bookings",
                columns: new[] { "ApplicantId", "ScheduleId", "ActiveMarker" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_CompanyId_ScheduleId",
                table: "Bookings",
                columns: new[] { "CompanyId", "ScheduleId" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ScheduleId",
                table: "Bookings",
                column: "ScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_Companies_Name",
                table: "Companies",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationItems_CompanyId_SelectionMeetingId_Order",
                table: "EvaluationItems",
                columns: new[] { "CompanyId", "SelectionMeetingId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationItems_SelectionMeetingId",
                table: "EvaluationItems",
                column: "SelectionMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReminders_ApplicantId",
                table: "EvaluationReminders",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReminders_InterviewerId",
                table: "EvaluationReminders",
                column: "InterviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReminders_ScheduleId_ApplicantId_InterviewerId",
                table: "EvaluationReminders",
                columns: new[] { "ScheduleId", "ApplicantId", "InterviewerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ApplicantId_SelectionMeetingId_InterviewerId",
                table: "Evaluations",
                columns: new[] { "ApplicantId", "SelectionMeetingId", "InterviewerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_CompanyId_InterviewerId",
                table: "Evaluations",
                columns: new[] { "CompanyId", "InterviewerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_InterviewerId",
                table: "Evaluations",
                column: "InterviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_SelectionMeetingId",
                table: "Evaluations",
                column: "SelectionMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_EventInterviewers_CompanyId_StaffUserId",
                table: "EventInterviewers",
                columns: new[] { "CompanyId", "StaffUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_EventInterviewers_StaffUserId",
                table: "EventInterviewers",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_EventPoolHosts_CompanyId_ExternalUserId",
                table: "EventPoolHosts",
                columns: new[] { "CompanyId", "ExternalUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ExternalVideoUsers_CompanyId",
                table: "ExternalVideoUsers",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalVideoUsers_LinkageId_ExternalUserId",
                table: "ExternalVideoUsers",
                columns: new[] { "LinkageId", "ExternalUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HostQuotaUsages_CompanyId_HostExternalUserId_DayUtc",
                table: "HostQuotaUsages",
                columns: new[] { "CompanyId", "HostExternalUserId", "DayUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HostSlots_ScheduleId",
                table: "HostSlots",
                column: "ScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_InterviewerInvitations_CompanyId_StaffUserId",
                table: "InterviewerInvitations",
                columns: new[] { "CompanyId", "StaffUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_InterviewerInvitations_ScheduleId_StaffUserId",
                table: "InterviewerInvitations",
                columns: new[] { "ScheduleId", "StaffUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InterviewerInvitations_StaffUserId",
                table: "InterviewerInvitations",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_InterviewEvents_CompanyId_SelectionMeetingId",
                table: "InterviewEvents",
                columns: new[] { "CompanyId", "SelectionMeetingId" });

            migrationBuilder.CreateIndex(
                name: "IX_InterviewEvents_SelectionMeetingId",
                table: "InterviewEvents",
                column: "SelectionMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_MailTemplates_CompanyId_Kind_Language",
                table: "MailTemplates",
                columns: new[] { "CompanyId", "Kind", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OAuthAuthorizations_ExpiresAtUtc",
                table: "OAuthAuthorizations",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthAuthorizations_StateHash",
                table: "OAuthAuthorizations",
                column: "StateHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMails_ApplicantId_CreatedAtUtc",
                table: "OutgoingMails",
                columns: new[] { "ApplicantId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMails_CompanyId_CreatedAtUtc",
                table: "OutgoingMails",
                columns: new[] { "CompanyId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMails_State_NextAttemptAtUtc",
                table: "OutgoingMails",
                columns: new[] { "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedApplicantSearches_CompanyId",
                table: "SavedApplicantSearches",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedApplicantSearches_StaffUserId_Name",
                table: "SavedApplicantSearches",
                columns: new[] { "StaffUserId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleInterviewers_CompanyId_StaffUserId",
                table: "ScheduleInterviewers",
                columns: new[] { "CompanyId", "StaffUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleInterviewers_StaffUserId",
                table: "ScheduleInterviewers",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_CompanyId_EventId_StartUtc",
                table: "Schedules",
                columns: new[] { "CompanyId", "EventId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_EventId",
                table: "Schedules",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_HostInterviewerId",
                table: "Schedules",
                column: "HostInterviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_InterviewersDue",
                table: "Schedules",
                column: "InterviewersDue",
                filter: "\"InterviewersDue\"");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_NextAttemptAtUtc",
                table: "Schedules",
                column: "NextAttemptAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_ZoomMeetingId",
                table: "Schedules",
                column: "ZoomMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionMeetings_CompanyId_CreatedAtUtc",
                table: "SelectionMeetings",
                columns: new[] { "CompanyId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SelectionMeetings_StepId",
                table: "SelectionMeetings",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionResults_ApplicantId",
                table: "SelectionResults",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionResults_CompanyId_ApplicantId",
                table: "SelectionResults",
                columns: new[] { "CompanyId", "ApplicantId" });

            migrationBuilder.CreateIndex(
                name: "IX_SelectionResults_SelectionMeetingId_ApplicantId",
                table: "SelectionResults",
                columns: new[] { "SelectionMeetingId", "ApplicantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelectionSteps_CompanyId_Order",
                table: "SelectionSteps",
                columns: new[] { "CompanyId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_ExpiresAtUtc",
                table: "StaffSessions",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_StaffSessions_UserId",
                table: "StaffSessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoLinkages_CompanyId_Provider",
                table: "VideoLinkages",
                columns: new[] { "CompanyId", "Provider" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoLinkages_Provider_ExternalAccountId",
                table: "VideoLinkages",
                columns: new[] { "Provider", "ExternalAccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_ExpiresAtUtc",
                table: "WebhookDeliveries",
                column: "ExpiresAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicantEvents");

            migrationBuilder.DropTable(
                name: "ApplicantInvitations");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "Bookings");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvaluationItems");

            migrationBuilder.DropTable(
                name: "EvaluationReminders");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "EventInterviewers");

            migrationBuilder.DropTable(
                name: "EventPoolHosts");

            migrationBuilder.DropTable(
                name: "ExternalVideoUsers");

            migrationBuilder.DropTable(
                name: "HostQuotaUsages");

            migrationBuilder.DropTable(
                name: "HostSlots");

            migrationBuilder.DropTable(
                name: "InterviewerInvitations");

            migrationBuilder.DropTable(
                name: "MailTemplates");

            migrationBuilder.DropTable(
                name: "OAuthAuthorizations");

            migrationBuilder.DropTable(
                name: "OutgoingMails");

            migrationBuilder.DropTable(
                name: "SavedApplicantSearches");

            migrationBuilder.DropTable(
                name: "ScheduleInterviewers");

            migrationBuilder.DropTable(
                name: "SelectionResults");

            migrationBuilder.DropTable(
                name: "StaffSessions");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "ZoomCallPacings");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Schedules");

            migrationBuilder.DropTable(
                name: "Applicants");

            migrationBuilder.DropTable(
                name: "VideoLinkages");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "InterviewEvents");

            migrationBuilder.DropTable(
                name: "SelectionMeetings");

            migrationBuilder.DropTable(
                name: "SelectionSteps");

            migrationBuilder.DropTable(
                name: "Companies");
        }
    }
}
