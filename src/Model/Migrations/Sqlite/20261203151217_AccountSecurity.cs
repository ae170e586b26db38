using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sophia.Model.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedLogins",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LockedUntil",
                table: "Users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "StaffAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "FailedLogins",
                table: "StaffAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LockedUntil",
                table: "StaffAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TotpEnabled",
                table: "StaffAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "TotpLastStep",
                table: "StaffAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TotpSecret",
                table: "StaffAccounts",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedLogins",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "FailedLogins",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "TotpEnabled",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "TotpLastStep",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "TotpSecret",
                table: "StaffAccounts");
        }
    }
}
