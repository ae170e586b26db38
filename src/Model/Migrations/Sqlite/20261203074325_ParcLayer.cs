using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sophia.Model.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParcLayer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CallRestrictionProfileId",
                table: "Users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DialsMobile",
                table: "ShortNumbers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Civility",
                table: "PersonalContacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Company",
                table: "PersonalContacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JobTitle",
                table: "PersonalContacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mobile",
                table: "PersonalContacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JobTitle",
                table: "ExternalContacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mobile",
                table: "ExternalContacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallRestrictionProfiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Allowed = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallRestrictionProfiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallRestrictionProfiles_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Users_CallRestrictionProfileId",
                table: "Users",
                column: "CallRestrictionProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_CallRestrictionProfiles_ClientId_Name",
                table: "CallRestrictionProfiles",
                columns: new[] { "ClientId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Users_CallRestrictionProfiles_CallRestrictionProfileId",
                table: "Users",
                column: "CallRestrictionProfileId",
                principalTable: "CallRestrictionProfiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // The free-text profiles users had become the client's list, each user pointing at the one named as before.
            migrationBuilder.Sql("""
                INSERT INTO "CallRestrictionProfiles" ("ClientId", "Name", "Allowed", "Version")
                SELECT DISTINCT "ClientId", substr("CallRestrictionProfile", 1, 64), 31, 1 FROM "Users"
                WHERE "CallRestrictionProfile" IS NOT NULL AND "CallRestrictionProfile" <> '';
                UPDATE "Users" SET "CallRestrictionProfileId" = (
                    SELECT p."Id" FROM "CallRestrictionProfiles" p
                    WHERE p."ClientId" = "Users"."ClientId" AND p."Name" = substr("Users"."CallRestrictionProfile", 1, 64))
                WHERE "CallRestrictionProfile" IS NOT NULL AND "CallRestrictionProfile" <> '';
                """);

            migrationBuilder.DropColumn(
                name: "CallRestrictionProfile",
                table: "Users");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Users_CallRestrictionProfiles_CallRestrictionProfileId",
                table: "Users");

            migrationBuilder.DropTable(
                name: "CallRestrictionProfiles");

            migrationBuilder.DropIndex(
                name: "IX_Users_CallRestrictionProfileId",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "CallRestrictionProfileId",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "DialsMobile",
                table: "ShortNumbers");

            migrationBuilder.DropColumn(
                name: "Civility",
                table: "PersonalContacts");

            migrationBuilder.DropColumn(
                name: "Company",
                table: "PersonalContacts");

            migrationBuilder.DropColumn(
                name: "JobTitle",
                table: "PersonalContacts");

            migrationBuilder.DropColumn(
                name: "Mobile",
                table: "PersonalContacts");

            migrationBuilder.DropColumn(
                name: "JobTitle",
                table: "ExternalContacts");

            migrationBuilder.DropColumn(
                name: "Mobile",
                table: "ExternalContacts");

            migrationBuilder.AddColumn<string>(
                name: "CallRestrictionProfile",
                table: "Users",
                type: "TEXT",
                nullable: true);
        }
    }
}
